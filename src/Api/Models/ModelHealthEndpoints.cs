using System.Globalization;
using Analytics.Classification;
using Analytics.Data;
using Analytics.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Api.Models;

/// <summary>Accuracy in the open after deployment: monthly review samples for analysts to label, and the health report.</summary>
internal static class ModelHealthEndpoints
{
    public static RouteGroupBuilder MapModelHealth(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:int}/health", HealthAsync).WithName("ModelHealth")
            .WithSummary("Live accuracy from the labelled review samples (95% Wilson interval, per reason where n allows), " +
                         "corrections beside it as the biased sample they are, weekly unknown share and confidence against " +
                         "validation, and alerts.");
        group.MapPost("/{kind}/review", DrawAsync).WithName("DrawReviewSample")
            .WithSummary("Draw (once; later calls return it) a month's random review sample of scored contacts for analysts to label.");
        group.MapPost("/{kind}/review/{contactId:long}", LabelAsync).WithName("LabelReviewItem")
            .WithSummary("An analyst's label for a contact of a review sample.");
        return group;
    }

    private static async Task<Results<Ok<HealthReport>, NotFound, ValidationProblem>> HealthAsync(int id, ReviewSamples samples,
        CancellationToken ct, int weeks = ReviewSamples.DefaultWeeks)
    {
        if (weeks is < 1 or > 104) return Problem("weeks", "1 to 104");
        return await samples.HealthAsync(id, weeks, ct) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<IReadOnlyList<ReviewItemDto>>, ValidationProblem>> DrawAsync(string kind, string month,
        ReviewSamples samples, CancellationToken ct, int size = ReviewSamples.DefaultSize)
    {
        if (!IsKind(kind)) return Problem("kind", $"use {ModelKinds.Reasons} or {ModelKinds.Sentiment}");
        if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            return Problem("month", "a month as yyyy-MM, e.g. 2026-11");
        if (size is < 1 or > 1000) return Problem("size", "1 to 1000");
        var items = await samples.DrawAsync(kind, first, size, ct: ct);
        return TypedResults.Ok<IReadOnlyList<ReviewItemDto>>(items.Select(i => new ReviewItemDto(i.ContactId, i.Month, i.Label)).ToList());
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> LabelAsync(string kind, long contactId,
        ReviewLabelRequest request, ReviewSamples samples, AnalyticsDbContext db, CancellationToken ct)
    {
        if (!IsKind(kind)) return Problem("kind", $"use {ModelKinds.Reasons} or {ModelKinds.Sentiment}");
        var label = kind == ModelKinds.Sentiment ? SentimentLabels.Normalise(request.Label ?? "") : request.Label?.Trim();
        if (string.IsNullOrEmpty(label)
            || (kind == ModelKinds.Reasons && !await db.Reasons.AnyAsync(r => r.Code == label, ct)))
            return Problem("label", kind == ModelKinds.Reasons ? "a reason code of the taxonomy" : "negative, neutral or positive");
        return await samples.LabelAsync(kind, contactId, label, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    private static bool IsKind(string kind) => kind is ModelKinds.Reasons or ModelKinds.Sentiment;

    private static ValidationProblem Problem(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}

public sealed record ReviewItemDto(long ContactId, DateOnly Month, string? Label);
public sealed record ReviewLabelRequest(string? Label);
