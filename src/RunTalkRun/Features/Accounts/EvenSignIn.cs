using Microsoft.AspNetCore.Identity;

namespace RunTalkRun.Features.Accounts;

/// <summary>
/// Signing in with a password takes as long whether or not the email address has an account: with no account, the
/// password is still checked, against a made-up hash from the same hasher, so the time it takes tells nobody who is a
/// member. Used by the sign-in page and POST /api/v1/auth/login; wrong passwords count toward the lockout as before.
/// </summary>
public static class EvenSignIn
{
    static string? dummyHash;

    public static async Task<SignInResult> PasswordSignInEvenlyAsync(this SignInManager<Member> signIn, string email, string password, bool isPersistent)
    {
        var users = signIn.UserManager;
        if (await users.FindByNameAsync(email) is { } member)
            return await signIn.PasswordSignInAsync(member, password, isPersistent, lockoutOnFailure: true);
        var nobody = new Member();
        dummyHash ??= users.PasswordHasher.HashPassword(nobody, Guid.NewGuid().ToString());
        users.PasswordHasher.VerifyHashedPassword(nobody, dummyHash, password);
        return SignInResult.Failed;
    }
}
