using Analytics.Classification;
using Analytics.Models;
using Microsoft.Extensions.Caching.Memory;

namespace Analytics.Api.Models;

/// <summary>The active model of a kind, loaded once and kept a few minutes: a prediction is then a pooled engine call.</summary>
internal static class ActiveModels
{
    public static string CacheKey(string kind) => "active-model:" + kind;

    public static Task<(ModelRecord Record, TextClassifier Classifier)?> ActiveModelAsync(this IMemoryCache cache, ModelRegistry registry,
        string kind, CancellationToken ct) =>
        cache.GetOrCreateAsync(CacheKey(kind), async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);
            return await registry.LoadActiveAsync(kind, ct);
        });
}
