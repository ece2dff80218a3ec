using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunTalkRun.Features.Accounts;

namespace RunTalkRun.Tests.Infrastructure;

/// <summary>Two-step sign-in for the tests' accounts: the key from the database, the code worked out by <see cref="Totp"/>.</summary>
public static class TwoStep
{
    /// <summary>The code the member's authenticator app would show now; null when two-step sign-in is off.</summary>
    public static async Task<string?> CodeAsync(this AppFactory app, string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var member = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}");
        return member.TwoFactorEnabled ? Totp.Code((await users.GetAuthenticatorKeyAsync(member))!) : null;
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
