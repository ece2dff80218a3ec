using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunTalkRun.Features.Accounts;

namespace RunTalkRun.Tests.Infrastructure;

/// <summary>Two-step sign-in for the tests' accounts: the key from the database, the code worked out by <see cref="Totp"/>.</summary>
public static class TwoStep
{
    /// <summary>
    /// The code the member's authenticator app would show now, or, when that one has been used already (a code
    /// signs in once), the next one, as if the person waited for it; null when two-step sign-in is off.
    /// </summary>
    public static async Task<string?> CodeAsync(this AppFactory app, string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var member = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}");
        return member.TwoFactorEnabled ? Totp.Code((await users.GetAuthenticatorKeyAsync(member))!, await app.UnusedTimeAsync(email)) : null;
    }

    /// <summary>
    /// A time whose code the member has not used yet: now, or the next 30-second step after the last code used (the
    /// app takes codes up to two steps ahead, for clocks that drift). When those are used up too (a test signing the
    /// same account in again and again), the record of used codes is forgotten, as if a minute had passed.
    /// </summary>
    public static async Task<DateTimeOffset> UnusedTimeAsync(this AppFactory app, string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var member = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}");
        var now = DateTimeOffset.UtcNow;
        var used = await users.GetAuthenticationTokenAsync(member, OnceOnlyAuthenticatorCodes.StoreName, OnceOnlyAuthenticatorCodes.LastStepName);
        if (!long.TryParse(used, out var lastStep) || lastStep < now.ToUnixTimeSeconds() / 30) return now;
        if (lastStep + 1 <= now.ToUnixTimeSeconds() / 30 + 2) return DateTimeOffset.FromUnixTimeSeconds((lastStep + 1) * 30);
        await users.RemoveAuthenticationTokenAsync(member, OnceOnlyAuthenticatorCodes.StoreName, OnceOnlyAuthenticatorCodes.LastStepName);
        return now;
    }

    /// <summary>Turns two-step sign-in on for the member, as if they had set it up. Returns the key.</summary>
    public static async Task<string> TurnOnTwoStepAsync(this AppFactory app, string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var member = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}");
        await users.ResetAuthenticatorKeyAsync(member);
        await users.SetTwoFactorEnabledAsync(member, true);
        return (await users.GetAuthenticatorKeyAsync(member))!;
    }

    /// <summary>
    /// HQ must use two-step sign-in: an HQ account a test made (a member given an HQ role) gets it turned on
    /// before it signs in, as its person would have done at their first sign-in. The demo's HQ accounts have it.
    /// </summary>
    public static async Task HqUsesTwoStepAsync(this AppFactory app, string email)
    {
        var needs = await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email && u.HqRole != HqRole.None && !u.TwoFactorEnabled));
        if (needs) await app.TurnOnTwoStepAsync(email);
    }
}
