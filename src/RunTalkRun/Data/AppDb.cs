using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
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
        // Every time is an Instant, stored as a UTC DateTime in the columns the DateTimes used to have
        // (TEXT in SQLite's sortable format, timestamp with time zone in PostgreSQL).
        builder.Properties<Instant>().HaveConversion<InstantConverter>();
        builder.Properties<Instant?>().HaveConversion<InstantConverter>();
    }

    sealed class InstantConverter() : ValueConverter<Instant, DateTime>(
        v => v.ToDateTimeUtc(),
        v => Instant.FromDateTimeUtc(DateTime.SpecifyKind(v, DateTimeKind.Utc)));
}

/// <summary>Holds the SQLite migrations (Data/Migrations/Sqlite). Same model as AppDb.</summary>
public class SqliteAppDb(DbContextOptions<SqliteAppDb> options) : AppDb(options);

/// <summary>Holds the PostgreSQL migrations (Data/Migrations/Postgres). Same model as AppDb.</summary>
public class PostgresAppDb(DbContextOptions<PostgresAppDb> options) : AppDb(options);
