using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Tests.Features.Talk;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Audit;

/// <summary>The audit log: written on every read of someone else's personal data and every role or moderation change; read by HQ; never changed.</summary>
public class AuditLogTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_database_refuses_to_change_or_delete_an_audit_entry()
    {
        var run = await app.NextRunAsync("peterborough");
        await (await app.SignedInAsync(DemoCommunity.LeaderEmail("peterborough"))).GetPageAsync($"/runs/{run.Id}/whos-coming");
        var entry = await app.WithDbAsync(db => db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync(a => a.Subject == $"run:{run.Id}"));

        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.AuditEntries.Where(a => a.Id == entry.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ActorId, "someone-else"))));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.AuditEntries.Where(a => a.Id == entry.Id).ExecuteDeleteAsync()));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(async db =>
        {
            var tracked = await db.AuditEntries.SingleAsync(a => a.Id == entry.Id);
            tracked.Detail = "nothing to see";
            return await db.SaveChangesAsync();
        }));
        if (TestDatabase.IsPostgres)
            await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("TRUNCATE \"AuditEntries\"")));

        var after = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(a => a.Id == entry.Id));
        Assert.Equal(entry.ActorId, after.ActorId);
        Assert.Equal(entry.Detail, after.Detail);
    }

    [Fact]
    public async Task Hq_reads_the_log_newest_first_narrowed_by_action_or_subject()
    {
        var run = await app.NextRunAsync("peterborough", skip: 1);
        var leader = await app.SignedInAsync(DemoCommunity.LeaderEmail("peterborough"));
        await leader.GetPageAsync($"/runs/{run.Id}/whos-coming");

        var admin = await app.SignedInAsync(DemoCommunity.HqEmail);
        var page = await admin.GetPageAsync($"/hq/audit?subject=run:{run.Id}");
        var rows = page.QuerySelectorAll("#audit-lines tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal($"run:{run.Id}", r.Children[3].TextContent));
        Assert.Contains(rows, r => r.Children[2].TextContent == "read-attendees" && r.Children[1].TextContent.Length > 0);

        var api = await app.ApiClientAsync(DemoCommunity.SafeguardingEmail);
        var lines = await api.GetFromJsonAsync<JsonElement[]>("/api/v1/hq/audit?action=read-attendees");
        Assert.All(lines!, l => Assert.StartsWith("read-attendees", l.GetProperty("action").GetString()));
        var ids = lines!.Select(l => l.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.OrderByDescending(i => i), ids);

        // Hostile and oversized filters: shown back as text, or refused clearly.
        var hostile = await admin.GetAsync("/hq/audit?action=%3Cscript%3Ealert(1)%3C/script%3E&subject='%20OR%201=1--");
        Assert.Equal(HttpStatusCode.OK, hostile.StatusCode);
        var html = await hostile.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.NotNull(Pages.Parse(html).QuerySelector("#audit-empty"));
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"/api/v1/hq/audit?subject={new string('x', 200)}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/hq/audit?before=yesterday")).StatusCode);

        foreach (var who in new[] { DemoCommunity.ModeratorEmail, DemoCommunity.LeaderEmail("peterborough") })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiClientAsync(who)).GetAsync("/api/v1/hq/audit")).StatusCode);
    }

    [Fact]
    public async Task A_moderator_reading_reported_messages_is_logged()
    {
        var room = await app.GroupRoomAsync("peterborough");
        var writer = await app.ApiClientAsync(await app.NewMemberAsync("Writer", "peterborough"));
        var message = await writer.SendAsync(room, "Something someone will report");
        var reporter = await app.ApiClientAsync(await app.NewMemberAsync("Reporter", "peterborough"));
        (await reporter.PostAsJsonAsync($"/api/v1/messages/{message}/reports", new { reason = "Unkind" })).EnsureSuccessStatusCode();

        await (await app.ApiClientAsync(DemoCommunity.ModeratorEmail)).GetStringAsync("/api/v1/moderation/queue");
        var moderatorId = await app.MemberIdAsync(DemoCommunity.ModeratorEmail);
        var logged = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.ActorId == moderatorId && a.Action == "read-moderation-queue").ToListAsync());
        Assert.Contains(logged, a => a.Detail.Contains(message.ToString()));
    }
}
