using Analytics.Agents;
using Analytics.Contacts;
using Analytics.Ingestion;
using Analytics.Models;
using Analytics.Reasons;
using Analytics.Surveys;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Analytics.Data;

// One configuration per entity; indexes follow the API's queries (period + group filters).

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.HasIndex(x => x.Code).IsUnique();
    }
}

internal sealed class AgentConfiguration : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> b)
    {
        b.HasIndex(x => x.Code).IsUnique();
        b.HasOne(x => x.Team).WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        // Keys are identifiers from the source systems: byte order (COLLATE "C") is the right order for them, and it
        // spares the locale's string comparison on every index build and lookup (docs/decisions/002-bulk-load.md).
        b.Property(x => x.Key).UseCollation("C");
        b.HasIndex(x => x.Key).IsUnique();
    }
}

internal sealed class ContactReasonConfiguration : IEntityTypeConfiguration<ContactReason>
{
    public void Configure(EntityTypeBuilder<ContactReason> b)
    {
        b.ToTable("contact_reasons");
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => x.ParentCode);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        // The natural key compares bytes (COLLATE "C"), the source's own id first: with the distinct column leading,
        // sorting for an index build compares abbreviated keys instead of the same source name a million times
        // (1M contacts: 1.2 s with (source, source_id) in C.UTF-8, 0.46 s this way). Nothing looks contacts up by
        // source alone.
        b.Property(x => x.SourceId).UseCollation("C");
        b.Property(x => x.Source).UseCollation("C");
        b.HasIndex(x => new { x.SourceId, x.Source }).IsUnique();
        b.HasIndex(x => x.StartedUtc);
        b.HasIndex(x => new { x.CustomerId, x.StartedUtc });
        // Per-agent and per-reason figures come from the daily aggregates, not from indexes on the fact table:
        // every index here is paid on each of millions of inserted rows.
        // No foreign keys to agents, customers, reasons or batches: the merge only ever writes ids it has just joined,
        // and four FK triggers per row cost more than half of a million-row load (docs/decisions/002-bulk-load.md).
    }
}

internal sealed class TranscriptTurnConfiguration : IEntityTypeConfiguration<TranscriptTurn>
{
    public void Configure(EntityTypeBuilder<TranscriptTurn> b)
    {
        b.HasKey(x => new { x.ContactId, x.Seq });
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> b)
    {
        b.ToTable("survey_responses", t => t.HasCheckConstraint("ck_survey_score_range",
            "(type = 'nps' AND score BETWEEN 0 AND 10) OR (type = 'ces' AND score BETWEEN 1 AND 7) OR (type = 'csat' AND score BETWEEN 1 AND 5)"));
        b.HasIndex(x => new { x.Source, x.SourceId }).IsUnique();
        b.HasIndex(x => new { x.Type, x.RespondedUtc });
        b.HasIndex(x => x.ContactId);
        // Joined to contacts.source_id: the same collation, so that join can use this index.
        b.Property(x => x.ContactRef).UseCollation("C");
        b.HasIndex(x => x.ContactRef);
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ModelRecordConfiguration : IEntityTypeConfiguration<ModelRecord>
{
    public void Configure(EntityTypeBuilder<ModelRecord> b)
    {
        b.ToTable("models");
        b.HasIndex(x => new { x.Kind, x.Version }).IsUnique();
        b.Property(x => x.MetricsJson).HasColumnType("jsonb");
    }
}

internal sealed class PredictionConfiguration : IEntityTypeConfiguration<Prediction>
{
    public void Configure(EntityTypeBuilder<Prediction> b)
    {
        // One current prediction per (item, kind, model): re-scoring replaces instead of piling up.
        b.HasIndex(x => new { x.ContactId, x.Kind, x.ModelId }).IsUnique().HasFilter("contact_id IS NOT NULL");
        b.HasIndex(x => new { x.SurveyId, x.Kind, x.ModelId }).IsUnique().HasFilter("survey_id IS NOT NULL");
        b.HasOne<ModelRecord>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SurveyResponse>().WithMany().HasForeignKey(x => x.SurveyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IngestBatchConfiguration : IEntityTypeConfiguration<IngestBatch>
{
    public void Configure(EntityTypeBuilder<IngestBatch> b)
    {
        b.HasIndex(x => x.ContentHash);
        b.Property(x => x.RedactionsJson).HasColumnType("jsonb");
    }
}

internal sealed class QuarantinedRowConfiguration : IEntityTypeConfiguration<QuarantinedRow>
{
    public void Configure(EntityTypeBuilder<QuarantinedRow> b)
    {
        b.HasIndex(x => x.BatchId);
        b.HasOne<IngestBatch>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SourceWatermarkConfiguration : IEntityTypeConfiguration<SourceWatermark>
{
    public void Configure(EntityTypeBuilder<SourceWatermark> b) => b.HasKey(x => x.Name);
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<Access.ApiKey>
{
    public void Configure(EntityTypeBuilder<Access.ApiKey> b)
    {
        b.ToTable("api_keys");
        b.HasIndex(x => x.Hash).IsUnique();
    }
}

internal sealed class PrivacySwitchConfiguration : IEntityTypeConfiguration<Privacy.PrivacySwitch>
{
    public void Configure(EntityTypeBuilder<Privacy.PrivacySwitch> b)
    {
        b.ToTable("privacy_switches");
        b.HasKey(x => x.Name);
    }
}

internal sealed class DashboardSessionConfiguration : IEntityTypeConfiguration<Access.DashboardSession>
{
    public void Configure(EntityTypeBuilder<Access.DashboardSession> b)
    {
        b.ToTable("dashboard_sessions");
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasOne<Access.ApiKey>().WithMany().HasForeignKey(x => x.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<Access.AuditEntry>
{
    public void Configure(EntityTypeBuilder<Access.AuditEntry> b)
    {
        b.ToTable("audit_log");
        b.HasIndex(x => x.AtUtc);
    }
}

internal sealed class ReportDefinitionConfiguration : IEntityTypeConfiguration<Reporting.ReportDefinition>
{
    public void Configure(EntityTypeBuilder<Reporting.ReportDefinition> b) => b.HasIndex(x => x.Name).IsUnique();
}

internal sealed class ReportRunConfiguration : IEntityTypeConfiguration<Reporting.ReportRun>
{
    public void Configure(EntityTypeBuilder<Reporting.ReportRun> b)
    {
        b.HasIndex(x => x.CreatedUtc);
        b.HasOne<Reporting.ReportDefinition>().WithMany().HasForeignKey(x => x.DefinitionId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ContactSearchConfiguration : IEntityTypeConfiguration<ContactSearch>
{
    public void Configure(EntityTypeBuilder<ContactSearch> b)
    {
        b.ToTable("contact_search");
        b.HasKey(x => x.ContactId);
        b.HasIndex(x => x.Vector).HasMethod("GIN");
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReasonCorrectionConfiguration : IEntityTypeConfiguration<ReasonCorrection>
{
    public void Configure(EntityTypeBuilder<ReasonCorrection> b)
    {
        b.HasIndex(x => x.ContactId);
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TargetConfiguration : IEntityTypeConfiguration<Insights.Targets.Target>
{
    public void Configure(EntityTypeBuilder<Insights.Targets.Target> b) => b.HasIndex(x => x.Name).IsUnique();
}

internal sealed class ReasonAlertConfiguration : IEntityTypeConfiguration<Insights.Alerts.ReasonAlert>
{
    public void Configure(EntityTypeBuilder<Insights.Alerts.ReasonAlert> b)
    {
        b.ToTable("reason_alerts");
        b.HasIndex(x => new { x.ReasonId, x.DetectedOn }).IsUnique();
        b.HasIndex(x => x.DetectedOn);
        b.HasOne<ContactReason>().WithMany().HasForeignKey(x => x.ReasonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SurveyDailyConfiguration : IEntityTypeConfiguration<Metrics.SurveyDaily>
{
    public void Configure(EntityTypeBuilder<Metrics.SurveyDaily> b)
    {
        b.ToTable("survey_daily");
        b.HasIndex(x => new { x.Type, x.Day });
    }
}

internal sealed class AggregateStateConfiguration : IEntityTypeConfiguration<Metrics.AggregateState>
{
    public void Configure(EntityTypeBuilder<Metrics.AggregateState> b) => b.HasKey(x => x.Name);
}

internal sealed class ContactDailyConfiguration : IEntityTypeConfiguration<Insights.Rollups.ContactDaily>
{
    public void Configure(EntityTypeBuilder<Insights.Rollups.ContactDaily> b)
    {
        b.ToTable("contact_daily");
        b.HasIndex(x => new { x.MonthTotal, x.Day });
    }
}

internal sealed class HandleTimeDailyConfiguration : IEntityTypeConfiguration<Insights.Rollups.HandleTimeDaily>
{
    public void Configure(EntityTypeBuilder<Insights.Rollups.HandleTimeDaily> b)
    {
        b.ToTable("handle_time_daily");
        b.HasIndex(x => new { x.Kind, x.MonthTotal, x.Day });
    }
}

internal sealed class ReasonDailyConfiguration : IEntityTypeConfiguration<Insights.Rollups.ReasonDaily>
{
    public void Configure(EntityTypeBuilder<Insights.Rollups.ReasonDaily> b)
    {
        b.ToTable("reason_daily");
        b.HasIndex(x => x.Day);
    }
}

internal sealed class DriverFitConfiguration : IEntityTypeConfiguration<Insights.Rollups.DriverFit>
{
    public void Configure(EntityTypeBuilder<Insights.Rollups.DriverFit> b)
    {
        b.ToTable("driver_fits");
        b.HasKey(x => new { x.Month, x.Type });
        b.Property(x => x.Report).HasColumnType("jsonb");
    }
}

internal sealed class AgentNpsDailyConfiguration : IEntityTypeConfiguration<Insights.Rollups.AgentNpsDaily>
{
    public void Configure(EntityTypeBuilder<Insights.Rollups.AgentNpsDaily> b)
    {
        b.ToTable("agent_nps_daily");
        b.HasIndex(x => x.Day);
    }
}
