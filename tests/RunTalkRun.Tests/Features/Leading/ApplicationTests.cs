using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Leading;
using RunTalkRun.Features.Mail;
using RunTalkRun.Tests.Infrastructure;
using static RunTalkRun.Tests.Features.Leading.ApplicationSteps;

namespace RunTalkRun.Tests.Features.Leading;

/// <summary>Applying to lead or to start a group: what is asked, and what is refused.</summary>
public class ApplicationTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_member_applies_on_the_page_to_start_a_group_and_sees_where_it_stands()
    {
        var email = await app.NewMemberAsync("Robin");
        var browser = await app.SignedInAsync(email);
        var response = await browser.PostFormAsync("/lead/apply", Form("Truro"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches(@"^/applications/\d+$", location);
        var page = await browser.GetPageAsync(location);
        Assert.Contains("Start a group in Truro", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Waiting for HQ to read it", page.QuerySelector("main")!.TextContent);
        var id = int.Parse(location.Split('/')[^1]);
        var mails = await MailsAbout(app, id);
        Assert.Contains(mails, m => m.ToAddress == email && m.Subject.Contains("Thank you for applying"));
        Assert.Contains(mails, m => m.ToAddress == DemoCommunity.HqEmail && m.Body.Contains($"/hq/applications/{id}"));
        Assert.All(mails, m => Assert.Null(m.UnsubscribeUrl)); // about something they asked for: always sent
        // The leaders' code is a recorded consent.
        var memberId = await app.MemberIdAsync(email);
        Assert.True(await app.WithDbAsync(db => db.Consents.AnyAsync(c => c.MemberId == memberId && c.Kind == RunTalkRun.Features.Accounts.ConsentKind.LeadersCode)));
        // The list on the apply page shows it too.
        var apply = await browser.GetPageAsync("/lead/apply");
        Assert.Contains("Start a group in Truro", apply.QuerySelector("main .cards")!.TextContent);
    }

    [Fact]
    public async Task The_form_shows_and_reads_only_the_fields_of_the_kind_chosen()
    {
        var email = await app.NewMemberAsync("Kind chooser");
        var browser = await app.SignedInAsync(email);
        var memberId = await app.MemberIdAsync(email);

        // Each kind's fields are grouped for apply.js to show only the chosen kind's; a link can choose the kind.
        var first = await browser.GetPageAsync("/lead/apply");
        Assert.NotNull(first.QuerySelector(".kind-fields[data-kind=join-group] #Input_Group"));
        Assert.NotNull(first.QuerySelector(".kind-fields[data-kind=new-group] #Input_Town"));
        Assert.NotNull(first.QuerySelector(".kind-fields[data-kind=new-group] #Input_Country"));
        Assert.NotNull(first.QuerySelector("script[src^='/js/apply.js']"));
        var join = await browser.GetPageAsync("/lead/apply?kind=join-group");
        Assert.True(join.QuerySelector("input[name='Input.Kind'][value=join-group]")!.HasAttribute("checked"));

        // A refused new-group form is checked only for the town, what was typed kept; the group isn't asked for.
        var refused = Pages.Parse(await (await browser.PostFormAsync("/lead/apply", Form("Nowhereville-on-Sea"))).Content.ReadAsStringAsync());
        Assert.NotNull(refused.QuerySelector("#Input_Town-error"));
        Assert.Null(refused.QuerySelector("#Input_Group-error"));
        Assert.Equal("Nowhereville-on-Sea", refused.QuerySelector("#Input_Town")!.GetAttribute("value"));

        // Joining a group: a town typed before changing one's mind is not read, nor checked.
        var form = Form("Nowhereville-on-Sea", country: "ZZ");
        form["Input.Kind"] = "join-group";
        form["Input.Group"] = "peterborough";
        var sent = await browser.PostFormAsync("/lead/apply", form);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var saved = await app.WithDbAsync(db => db.Applications.Include(a => a.Group).SingleAsync(a => a.MemberId == memberId));
        Assert.Equal(ApplicationKind.JoinGroup, saved.Kind);
        Assert.Equal("peterborough", saved.Group!.Slug);
        Assert.Equal(saved.Group.Town, saved.Town);
        Assert.NotEqual("ZZ", saved.Country);

        // Starting a group: a group chosen before changing one's mind is not read.
        var otherEmail = await app.NewMemberAsync("Other chooser");
        var otherId = await app.MemberIdAsync(otherEmail);
        var newForm = Form("Truro");
        newForm["Input.Group"] = "peterborough";
        Assert.Equal(HttpStatusCode.Redirect, (await (await app.SignedInAsync(otherEmail)).PostFormAsync("/lead/apply", newForm)).StatusCode);
        var started = await app.WithDbAsync(db => db.Applications.SingleAsync(a => a.MemberId == otherId));
        Assert.Equal((ApplicationKind.NewGroup, "Truro", (int?)null), (started.Kind, started.Town, started.GroupId));
    }

    [Fact]
    public async Task Starting_a_group_in_a_town_that_has_one_offers_to_join_it_and_saves_nothing()
    {
        var email = await app.NewMemberAsync();
        var browser = await app.SignedInAsync(email);
        var response = await browser.PostFormAsync("/lead/apply", Form("Peterborough", motivation: "Keep this text"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("already has a group", page.QuerySelector("#Input_Town-error")!.TextContent);
        Assert.NotNull(page.QuerySelector("main a[href='/groups/peterborough']"));
        Assert.Equal("Keep this text", page.QuerySelector("#Input_Motivation")!.TextContent);
        var memberId = await app.MemberIdAsync(email);
        Assert.False(await app.WithDbAsync(db => db.Applications.AnyAsync(a => a.MemberId == memberId)));

        var api = await app.ApiClientAsync(email);
        var problem = await (await api.PostAsJsonAsync("/api/v1/applications", NewTown("Peterborough"))).ProblemAsync();
        Assert.Equal("peterborough", problem.GetProperty("existingGroup").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("town", out _));
    }

    [Fact]
    public async Task Applying_twice_for_the_same_town_is_refused_with_a_link_to_the_first()
    {
        var email = await app.NewMemberAsync();
        var api = await app.ApiClientAsync(email);
        var first = await ApplyAsync(api, NewTown("Whitby"));
        var again = await api.PostAsJsonAsync("/api/v1/applications", NewTown("whitby"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(first, (await again.ProblemAsync()).GetProperty("applicationId").GetInt32());
        var browser = await app.SignedInAsync(email);
        var page = Pages.Parse(await (await browser.PostFormAsync("/lead/apply", Form("Whitby"))).Content.ReadAsStringAsync());
        Assert.Contains("already applied", page.QuerySelector("#Input_Town-error")!.TextContent);
        Assert.NotNull(page.QuerySelector($"main a[href='/applications/{first}']"));
        var memberId = await app.MemberIdAsync(email);
        Assert.Equal(1, await app.WithDbAsync(db => db.Applications.CountAsync(a => a.MemberId == memberId)));
    }

    [Fact]
    public async Task Eight_identical_applications_at_once_leave_one()
    {
        var email = await app.NewMemberAsync();
        var api = await app.ApiClientAsync(email);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => api.PostAsJsonAsync("/api/v1/applications", NewTown("Ballarat", "AU"))));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var memberId = await app.MemberIdAsync(email);
        Assert.Equal(1, await app.WithDbAsync(db => db.Applications.CountAsync(a => a.MemberId == memberId)));
    }

    [Fact]
    public async Task An_empty_motivation_and_unticked_code_are_refused_beside_the_fields_keeping_what_was_typed()
    {
        var browser = await app.SignedInAsync(await app.NewMemberAsync());
        var form = Form("Truro", motivation: "   ");
        form.Remove("Input.AcceptLeadersCode");
        form["Input.Availability"] = "<script>alert(1)</script> Sundays";
        var response = await browser.PostFormAsync("/lead/apply", form);
        var html = await response.Content.ReadAsStringAsync();
        var page = Pages.Parse(html);
        Assert.StartsWith("Error:", page.Title);
        Assert.Contains("why you'd like to lead", page.QuerySelector("#Input_Motivation-error")!.TextContent);
        Assert.Contains("leaders' code", page.QuerySelector("#Input_AcceptLeadersCode-error")!.TextContent);
        Assert.Equal("<script>alert(1)</script> Sundays", page.QuerySelector("#Input_Availability")!.TextContent);
        Assert.DoesNotContain("<script>alert(1)</script>", html); // kept, but as text
        Assert.Equal("Truro", page.QuerySelector("#Input_Town")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector(".error-summary a[href='#Input_Motivation']"));
    }

    [Theory]
    [InlineData("""{"kind":"new-group","town":"","country":"GB"}""", "town")]
    [InlineData("""{"kind":"new-group","town":"Nowhereville-on-Sea","country":"GB"}""", "town")]
    [InlineData("""{"kind":"new-group","town":"Truro","country":"FR"}""", "country")]
    [InlineData("""{"kind":"lead-everything"}""", "kind")]
    [InlineData("""{"kind":"join-group","group":"no-such-group"}""", "group")]
    [InlineData("""{"kind":"new-group","town":"Newport","country":"GB"}""", "region")]
    public async Task Bad_applications_get_a_validation_problem_naming_the_field(string json, string field)
    {
        var api = await app.ApiClientAsync(await app.NewMemberAsync());
        var response = await api.PostAsync("/api/v1/applications", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
        Assert.True(problem.GetProperty("errors").TryGetProperty("motivation", out _));
    }

    [Theory]
    [InlineData("""{"kind":"new-group","town":123,"country":"GB"}""")]
    [InlineData("""{"kind":"new-group","acceptGuidelines":"yes"}""")]
    [InlineData("""not json""")]
    public async Task Wrong_types_are_a_bad_request_with_problem_details(string json)
    {
        var api = await app.ApiClientAsync(await app.NewMemberAsync());
        var response = await api.PostAsync("/api/v1/applications", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await response.ProblemAsync();
    }

    [Fact]
    public async Task A_town_with_two_places_of_that_name_asks_which_one()
    {
        var api = await app.ApiClientAsync(await app.NewMemberAsync());
        var problem = await (await api.PostAsJsonAsync("/api/v1/applications", NewTown("Newport"))).ProblemAsync();
        var regions = problem.GetProperty("regions").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("Wales", regions);
        var id = await ApplyAsync(api, NewTown("Newport", region: "Wales"));
        Assert.Equal("Wales", (await Reload(app, id)).Region);
    }

    [Fact]
    public async Task Text_that_is_too_long_is_refused()
    {
        var api = await app.ApiClientAsync(await app.NewMemberAsync());
        var body = new { kind = "new-group", town = "Truro", country = "GB", motivation = new string('a', 2001), experience = "x", availability = "y", acceptGuidelines = true, acceptLeadersCode = true };
        var problem = await (await api.PostAsJsonAsync("/api/v1/applications", body)).ProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty("motivation", out _));
    }
}
