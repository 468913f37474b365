using System.ComponentModel.DataAnnotations;

namespace Analytics.Api;

/// <summary>The "Api" settings, validated when the host starts.</summary>
internal sealed class ApiOptions
{
    /// <summary>Requests per minute per API key (`bench api` drives one key at up to 30k a second, 100M a minute).</summary>
    [Range(1, 100_000_000)]
    public int RateLimitPerMinute { get; set; } = 1200;

    /// <summary>Requests per minute per client address without a valid key (wrong keys included).</summary>
    [Range(1, 1_000_000)]
    public int AnonymousRateLimitPerMinute { get; set; } = 120;

    /// <summary>Rows at most in one CSV export of contacts (it also stops after 120 s).</summary>
    [Range(1, 10_000_000)]
    public int MaxExportRows { get; set; } = 100_000;

    /// <summary>The longest period, in days, of a request that reads contacts row by row (search, FCR, drivers).
    /// </summary>
    [Range(1, 3660)]
    public int MaxPeriodDays { get; set; } = 400;

    /// <summary>
    /// Contact listings (search pages) reading from PostgreSQL at once; more wait their turn in the host. 0: twice the
    /// processor count. CSV exports are not counted (they are audited, rare and long).
    /// </summary>
    [Range(0, 1000)]
    public int SearchConcurrency { get; set; }

    /// <summary>Answers at most in the answer cache (each a few kB; the oldest go first when it is full).</summary>
    [Range(1, 1_000_000)]
    public int AnswerCacheEntries { get; set; } = 5_000;
}
