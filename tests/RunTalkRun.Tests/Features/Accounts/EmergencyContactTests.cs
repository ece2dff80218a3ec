using System.Net;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Accounts;

public class EmergencyContactTests(AppFactory app) : IClassFixture<AppFactory>
{
    Task<(string? Name, string? Phone)> StoredAsync(string email) => app.WithDbAsync(db =>
        db.Users.Where(u => u.Email == email).Select(u => new ValueTuple<string?, string?>(u.EmergencyContactName, u.EmergencyContactPhone)).SingleAsync());

    [Theory]
    [InlineData("GB", "07911 123456", "+447911123456")]
    [InlineData("AU", "0412 345 678", "+61412345678")]
    [InlineData("US", "(415) 555-2671", "+14155552671")]
    [InlineData("GB", "+61 412 345 678", "+61412345678")]
    public async Task A_member_saves_an_emergency_contact_in_their_countrys_own_way(string country, string typed, string stored)
    {
        var email = await app.NewMemberAsync();
        var browser = await app.SignedInAsync(email);
        var response = await browser.PostFormAsync("/account/emergency-contact", new Dictionary<string, string>
        {
            ["Input.Name"] = "Sam (my sister)", ["Input.Phone"] = typed, ["Input.Country"] = country,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(("Sam (my sister)", stored), await StoredAsync(email));
    }

    [Theory]
    [InlineData("Sam", "12", "Input.Phone")]
    [InlineData("Sam", "call me maybe", "Input.Phone")]
    [InlineData("Sam", "", "Input.Phone")]
    [InlineData("", "07911 123456", "Input.Name")]
    [InlineData("<script>alert(1)</script>", "07911 123456", "Input.Name")]
    [InlineData("Sam", "07700 900123'; DROP TABLE \"AspNetUsers\"; --", "Input.Phone")]
    public async Task A_bad_emergency_contact_is_refused_with_what_was_typed_kept(string name, string phone, string field)
    {
        var email = await app.NewMemberAsync();
        var browser = await app.SignedInAsync(email);
        var response = await browser.PostFormAsync("/account/emergency-contact", new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.Phone"] = phone, ["Input.Country"] = "GB",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector($"#{field.Replace('.', '_')}-error"));
        Assert.Equal(phone, page.QuerySelector("#Input_Phone")!.GetAttribute("value") ?? "");
        Assert.Equal(name, page.QuerySelector("#Input_Name")!.GetAttribute("value") ?? "");
        Assert.Equal((null, null), await StoredAsync(email));
    }

    [Fact]
    public async Task A_member_removes_their_emergency_contact()
    {
        var email = await app.NewMemberAsync();
        var browser = await app.SignedInAsync(email);
        await browser.PostFormAsync("/account/emergency-contact", new Dictionary<string, string> { ["Input.Name"] = "Sam", ["Input.Phone"] = "07911 123456", ["Input.Country"] = "GB" });
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/account/emergency-contact", new Dictionary<string, string>(), action: "/account/emergency-contact?handler=Remove")).StatusCode);
        Assert.Equal((null, null), await StoredAsync(email));
    }
}
