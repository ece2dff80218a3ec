using System.Net;
using RunTalkRun.Features.Groups;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Accounts;

/// <summary>A signed-in member refused a page gets 403 at that address, with words true for that page.</summary>
public class RefusedPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    const string Slug = "peterborough";

    [Fact]
    public async Task A_member_opening_the_groups_people_page_is_refused_with_403_saying_it_is_for_organisers()
    {
        var member = await app.SignedInAsync(await app.NewMemberAsync(groupSlug: Slug));
        var response = await member.GetAsync($"/groups/{Slug}/people");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var why = Pages.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("#refused-why")!.TextContent;
        Assert.Contains("Only a group's organisers", why);
        Assert.Contains("ask one of the group's organisers", why);
        Assert.DoesNotContain("who is coming", why);
    }

    [Fact]
    public async Task A_leader_refused_the_people_page_is_told_the_same_and_a_room_stranger_still_gets_404()
    {
        var leader = await app.SignedInAsync(await app.NewMemberAsync(groupSlug: Slug, role: GroupRole.Leader));
        var people = await leader.GetAsync($"/groups/{Slug}/people");
        Assert.Equal(HttpStatusCode.Forbidden, people.StatusCode);
        Assert.Contains("group's organisers", Pages.Parse(await people.Content.ReadAsStringAsync()).Body!.TextContent);

        var stranger = await app.SignedInAsync(await app.NewMemberAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/talk/999999")).StatusCode);
    }
}
