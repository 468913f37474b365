using Analytics.Api.Access;
using Analytics.Data;
using Analytics.Ingest.Pipeline;
using Analytics.Ingestion;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Analytics.Api.Ingest;

internal static class IngestEndpoints
{
    public static RouteGroupBuilder MapIngest(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/ingest").WithTags("Ingest");
        group.MapPost("/{kind}", UploadAsync)
            .WithName("Ingest").WithSummary("Upload a file (multipart field 'file', or a text/csv body) into the ingest pipeline.")
            .DisableAntiforgery();
        group.MapGet("/batches", ListBatchesAsync).WithName("ListBatches").WithSummary("Recent ingest batches, newest first.");
        group.MapGet("/batches/{id:long}", GetBatchAsync).WithName("GetBatch").WithSummary("One batch: state and counts (loaded + duplicates + updated + quarantined = rows read).");
        group.MapGet("/batches/{id:long}/quarantine", ListQuarantineAsync).WithName("ListQuarantine").WithSummary("The quarantined rows of a batch with line, raw text and reason.");
        group.MapPost("/quarantine/resubmit", ResubmitAsync).WithName("ResubmitQuarantine")
            .WithSummary("Re-submit fixed quarantined rows: they run through the pipeline again as a new batch.");
        return group;
    }

    private static async Task<Results<Ok<IngestResult>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        string kind, string? profile, HttpRequest request, IngestService ingest, IOptions<UploadOptions> limits,
        CancellationToken ct)
    {
        var max = limits.Value.MaxUploadBytes;
        if (request.ContentLength > max) return TooLarge(max);
        // Kestrel then stops a chunked body at the limit too (a 413 through the problem handler).
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = max;
        if (!IngestKinds.All.Contains(kind))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["kind"] = [$"unknown kind '{kind}'; use one of {string.Join(", ", IngestKinds.All)}"] });
        MappingProfile? mapping = null;
        if (profile is not null)
        {
            // Only shipped profiles: a path from a request must never be read from the server's disk.
            if (!MappingProfile.ShippedNames().Contains(profile))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["profile"] = [$"unknown profile '{profile}'; shipped: {string.Join(", ", MappingProfile.ShippedNames())}"] });
            mapping = MappingProfile.Load(profile);
        }

        string name;
        Stream body;
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try { form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = max }, ct); }
            catch (InvalidDataException e)
            {
                if (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)) return TooLarge(max);
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["file"] = ["not a readable multipart form"] });
            }
            var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
            if (file is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["the multipart upload has no file"] });
            name = Path.GetFileName(file.FileName);
            body = file.OpenReadStream();
        }
        else
        {
            name = request.Headers["X-File-Name"].FirstOrDefault() is { Length: > 0 } n ? Path.GetFileName(n) : $"upload-{kind}.csv";
            body = request.Body;
        }

        // Spool to a temporary file: the pipeline hashes and sniffs the encoding before it parses.
        var temp = Path.GetTempFileName();
        try
        {
            await using (var spool = File.Create(temp))
                if (!await CopyAtMostAsync(body, spool, max, ct)) return TooLarge(max);
            await body.DisposeAsync();
            if (new FileInfo(temp).Length == 0)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["the upload is empty"] });
            await using var input = new FileStream(temp, FileMode.Open, FileAccess.Read);
            return TypedResults.Ok(await ingest.IngestAsync(kind, input, name, ct, profile: mapping,
                submittedByKeyId: request.HttpContext.User.KeyId()));
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Copies the body, or stops and answers false as soon as it is longer than the limit.</summary>
    private static async Task<bool> CopyAtMostAsync(Stream from, Stream to, long max, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await from.ReadAsync(buffer, ct)) > 0)
        {
            if ((total += read) > max) return false;
            await to.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        return true;
    }

    private static ProblemHttpResult TooLarge(long max) => TypedResults.Problem(
        statusCode: 413, title: "Upload too large",
        detail: $"the upload is larger than the limit of {max:N0} bytes (Ingest:MaxUploadBytes); split the file");

    internal static async Task<Results<Ok<List<BatchDto>>, ValidationProblem>> ListBatchesAsync(AnalyticsDbContext db, HttpContext http,
        CancellationToken ct, int? limit = null, string? cursor = null, string? sort = null, string? kind = null, string? state = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (kind is not null && !IngestKinds.All.Contains(kind)) errors["kind"] = [$"unknown kind '{kind}'; use one of {string.Join(", ", IngestKinds.All)}"];
        if (Common.Paging.Read(http, limit, cursor, 50, 500, errors, sort) is not { } paging) return TypedResults.ValidationProblem(errors);
        var batches = VisibleBatches(db, http).Where(b => (kind == null || b.Kind == kind) && (state == null || b.State == state));
        var rows = await paging.Apply(batches, b => b.Id)
            .Select(b => BatchDto.From(b)).ToListAsync(ct);
        return TypedResults.Ok(paging.Page(http, rows, b => b.Id));
    }

    internal static async Task<Results<Ok<BatchDto>, NotFound>> GetBatchAsync(long id, AnalyticsDbContext db, HttpContext http,
        CancellationToken ct) =>
        await VisibleBatches(db, http).FirstOrDefaultAsync(b => b.Id == id, ct) is { } b
            ? TypedResults.Ok(BatchDto.From(b)) : TypedResults.NotFound();

    /// <summary>A feed's machine key sees the batches it uploaded; people see all.</summary>
    private static IQueryable<IngestBatch> VisibleBatches(AnalyticsDbContext db, HttpContext http)
    {
        var batches = db.IngestBatches.AsNoTracking();
        if (http.User.Role() != Analytics.Access.Roles.Ingest) return batches;
        var key = http.User.KeyId();
        return batches.Where(b => b.SubmittedByKeyId == key);
    }

    internal static async Task<Results<Ok<List<QuarantinedRowDto>>, NotFound, ValidationProblem>> ListQuarantineAsync(long id, AnalyticsDbContext db,
        HttpContext http, CancellationToken ct, int? limit = null, string? cursor = null, string? sort = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (Common.Paging.Read(http, limit, cursor, 500, 5000, errors, sort, newestFirst: false) is not { } paging) return TypedResults.ValidationProblem(errors);
        if (!await db.IngestBatches.AnyAsync(b => b.Id == id, ct)) return TypedResults.NotFound();
        // Rows are written in file order, so id order is line order.
        var rows = await paging.Apply(db.QuarantinedRows.Where(q => q.BatchId == id), q => q.Id)
            .Select(q => new QuarantinedRowDto(q.Id, q.BatchId, q.SourceFile, q.LineNumber, q.RawText, q.Reason, q.ResolvedUtc, q.ResolvedByBatchId))
            .ToListAsync(ct);
        return TypedResults.Ok(paging.Page(http, rows, q => q.Id));
    }

    internal static async Task<Results<Ok<List<IngestResult>>, ValidationProblem>> ResubmitAsync(
        ResubmitRequest request, AnalyticsDbContext db, IngestService ingest, CancellationToken ct)
    {
        if (request.Rows is not { Count: > 0 })
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["rows"] = ["give at least one {id, rawText}"] });
        var ids = request.Rows.Select(r => r.Id).ToList();
        var stored = await db.QuarantinedRows.Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        var unknown = ids.Where(id => !stored.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["rows"] = [$"unknown quarantined row id(s): {string.Join(", ", unknown)}"] });
        var resolved = stored.Values.Where(q => q.ResolvedUtc is not null).Select(q => q.Id).ToList();
        if (resolved.Count > 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["rows"] = [$"already re-submitted: {string.Join(", ", resolved)}"] });

        var results = new List<IngestResult>();
        // One new file per original batch: its header, then the fixed lines.
        foreach (var byBatch in request.Rows.GroupBy(r => stored[r.Id].BatchId))
        {
            var batch = await db.IngestBatches.SingleAsync(b => b.Id == byBatch.Key, ct);
            var text = batch.Header + "\n" + string.Join("\n", byBatch.Select(r => r.RawText ?? stored[r.Id].RawText)) + "\n";
            await using var input = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
            var profile = batch.Profile is null ? null : MappingProfile.Load(batch.Profile);
            var result = await ingest.IngestAsync(batch.Kind, input, $"resubmit-of-batch-{batch.Id}.csv", ct, profile: profile);
            results.Add(result);
            // A refused file loaded nothing: its rows stay open for another try.
            if (result.State != "completed") continue;
            var rowIds = byBatch.Select(r => r.Id).ToList();
            await db.QuarantinedRows.Where(q => rowIds.Contains(q.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(q => q.ResolvedUtc, DateTime.UtcNow).SetProperty(q => q.ResolvedByBatchId, result.BatchId), ct);
        }
        return TypedResults.Ok(results);
    }
}

public sealed record BatchDto(long Id, string Kind, string SourceFile, string State, DateTime StartedUtc, DateTime? FinishedUtc,
    int RowsRead, int Loaded, int Duplicates, int Updated, int Quarantined, string? Error, string? Profile)
{
    public static BatchDto From(IngestBatch b) => new(b.Id, b.Kind, b.SourceFile, b.State, b.StartedUtc, b.FinishedUtc,
        b.RowsRead, b.Loaded, b.Duplicates, b.Updated, b.Quarantined, b.Error, b.Profile);
}

public sealed record QuarantinedRowDto(long Id, long BatchId, string SourceFile, int LineNumber, string RawText, string Reason,
    DateTime? ResolvedUtc, long? ResolvedByBatchId);

public sealed record ResubmitRequest(List<ResubmitRow>? Rows);

/// <summary>A quarantined row's id and its corrected raw line (null re-submits the stored line unchanged).</summary>
public sealed record ResubmitRow(long Id, string? RawText);
