using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Audit;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Data;

/// <summary>The one database. Mappings sit beside their entities and are picked up from this assembly.</summary>
public class AppDb(DbContextOptions options) : IdentityDbContext<Member>(options)
{
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<MeetingPoint> MeetingPoints => Set<MeetingPoint>();
    public DbSet<GroupMembership> Memberships => Set<GroupMembership>();
    public DbSet<RunSeries> RunSeries => Set<RunSeries>();
    public DbSet<Run> Runs => Set<Run>();
    public DbSet<Rsvp> Rsvps => Set<Rsvp>();
    public DbSet<SeriesRsvp> SeriesRsvps => Set<SeriesRsvp>();
    public DbSet<RegisterEntry> RegisterEntries => Set<RegisterEntry>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Features.Mail.OutboxMail> OutboxMails => Set<Features.Mail.OutboxMail>();
    public DbSet<Features.Leading.LeaderApplication> Applications => Set<Features.Leading.LeaderApplication>();
    public DbSet<Features.Leading.ApplicationMessage> ApplicationMessages => Set<Features.Leading.ApplicationMessage>();
    public DbSet<Features.Leading.RunLeader> RunLeaders => Set<Features.Leading.RunLeader>();
    public DbSet<Features.Leading.SeriesLeader> SeriesLeaders => Set<Features.Leading.SeriesLeader>();
    public DbSet<Features.Leading.CoverRequest> CoverRequests => Set<Features.Leading.CoverRequest>();
    public DbSet<Features.Leading.TrainingRecord> TrainingRecords => Set<Features.Leading.TrainingRecord>();
    public DbSet<Features.Talk.Room> Rooms => Set<Features.Talk.Room>();
    public DbSet<Features.Talk.RoomRead> RoomReads => Set<Features.Talk.RoomRead>();
    public DbSet<Features.Talk.RoomBan> RoomBans => Set<Features.Talk.RoomBan>();
    public DbSet<Features.Talk.ChatMessage> Messages => Set<Features.Talk.ChatMessage>();
    public DbSet<Features.Talk.MessageReport> MessageReports => Set<Features.Talk.MessageReport>();
    public DbSet<Features.Talk.CrisisPhrase> CrisisPhrases => Set<Features.Talk.CrisisPhrase>();
    public DbSet<Features.Safety.Concern> Concerns => Set<Features.Safety.Concern>();
    public DbSet<Features.Safety.ConcernNote> ConcernNotes => Set<Features.Safety.ConcernNote>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Every DateTime is UTC; SQLite forgets the kind, so it is put back on the way out.
        builder.Properties<DateTime>().HaveConversion<UtcConverter>();
        builder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
    }

    sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}

/// <summary>Holds the SQLite migrations (Data/Migrations/Sqlite). Same model as AppDb.</summary>
public class SqliteAppDb(DbContextOptions<SqliteAppDb> options) : AppDb(options);

/// <summary>Holds the PostgreSQL migrations (Data/Migrations/Postgres). Same model as AppDb.</summary>
public class PostgresAppDb(DbContextOptions<PostgresAppDb> options) : AppDb(options);
