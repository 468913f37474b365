using Analytics.Agents;
using Analytics.Contacts;
using Analytics.Ingestion;
using Analytics.Models;
using Analytics.Reasons;
using Analytics.Surveys;
using Microsoft.EntityFrameworkCore;

namespace Analytics.Data;

public sealed class AnalyticsDbContext(DbContextOptions<AnalyticsDbContext> options) : DbContext(options)
{
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<Agent> Agents => Set<Agent>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<ContactReason> Reasons => Set<ContactReason>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<TranscriptTurn> TranscriptTurns => Set<TranscriptTurn>();
    public DbSet<ContactSearch> ContactSearch => Set<ContactSearch>();
    public DbSet<Reasons.ReasonCorrection> ReasonCorrections => Set<Reasons.ReasonCorrection>();
    public DbSet<SurveyResponse> Surveys => Set<SurveyResponse>();
    public DbSet<ModelRecord> Models => Set<ModelRecord>();
    public DbSet<Prediction> Predictions => Set<Prediction>();
    public DbSet<ReviewItem> ReviewItems => Set<ReviewItem>();
    public DbSet<IngestBatch> IngestBatches => Set<IngestBatch>();
    public DbSet<QuarantinedRow> QuarantinedRows => Set<QuarantinedRow>();
    public DbSet<SourceWatermark> SourceWatermarks => Set<SourceWatermark>();
    public DbSet<Ingestion.Feeds.FeedState> FeedStates => Set<Ingestion.Feeds.FeedState>();
    public DbSet<Access.ApiKey> ApiKeys => Set<Access.ApiKey>();
    public DbSet<Access.AuditEntry> AuditLog => Set<Access.AuditEntry>();
    public DbSet<Access.DashboardSession> DashboardSessions => Set<Access.DashboardSession>();
    public DbSet<Privacy.PrivacySwitch> PrivacySwitches => Set<Privacy.PrivacySwitch>();
    public DbSet<Reporting.ReportDefinition> ReportDefinitions => Set<Reporting.ReportDefinition>();
    public DbSet<Reporting.ReportRun> ReportRuns => Set<Reporting.ReportRun>();
    public DbSet<Insights.Targets.Target> Targets => Set<Insights.Targets.Target>();
    public DbSet<Insights.Alerts.ReasonAlert> ReasonAlerts => Set<Insights.Alerts.ReasonAlert>();
    public DbSet<Metrics.SurveyDaily> SurveyDaily => Set<Metrics.SurveyDaily>();
    public DbSet<Metrics.AggregateState> AggregateStates => Set<Metrics.AggregateState>();
    public DbSet<Insights.Rollups.ContactDaily> ContactDaily => Set<Insights.Rollups.ContactDaily>();
    public DbSet<Insights.Rollups.HandleTimeDaily> HandleTimeDaily => Set<Insights.Rollups.HandleTimeDaily>();
    public DbSet<Insights.Rollups.ReasonDaily> ReasonDaily => Set<Insights.Rollups.ReasonDaily>();
    public DbSet<Insights.Rollups.DriverFit> DriverFits => Set<Insights.Rollups.DriverFit>();
    public DbSet<Insights.Rollups.AgentNpsDaily> AgentNpsDaily => Set<Insights.Rollups.AgentNpsDaily>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AnalyticsDbContext).Assembly);

    /// <summary>Shared options: snake_case names so hand-written SQL reads naturally.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder b, string connectionString) =>
        b.UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__ef_migrations"))
         .UseSnakeCaseNamingConvention();
}
