using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;

namespace RunTalkRun.Features.Accounts;

/// <summary>
/// Two-step sign-in with an authenticator app (TOTP, RFC 6238: 6 digits, 30 seconds), on Identity's own
/// authenticator support: the key and the recovery codes live in AspNetUserTokens, the switch in
/// AspNetUsers.TwoFactorEnabled. Required for HQ (<see cref="TwoFactorForHq"/>), offered to leaders.
/// </summary>
public static class Authenticator
{
    public const string Issuer = "Run Talk Run";
    public const int RecoveryCodeCount = 10;

    /// <summary>What a person typed, without the spaces and dashes apps and people put in.</summary>
    public static string Clean(string? code) =>
        new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    public static bool LooksLikeCode(string cleaned) => cleaned.Length == 6 && cleaned.All(char.IsAsciiDigit);

    /// <summary>A recovery code as Identity made it ("7DKQ4-MW2XR"), from what was typed: any case, with or without the dash.</summary>
    public static string CleanRecoveryCode(string? typed)
    {
        var code = new string((typed ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        return code.Length == 10 && !code.Contains('-') ? $"{code[..5]}-{code[5..]}" : code;
    }

    /// <summary>The key in groups of four, easier to type into an app: "RUNT ALKR UNDE ...".</summary>
    public static string Grouped(string key) =>
        string.Join(' ', key.ToUpperInvariant().Chunk(4).Select(c => new string(c)));

    public static string Uri(string key, string email) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(email)}" +
        $"?secret={key}&issuer={System.Uri.EscapeDataString(Issuer)}&digits=6";

    /// <summary>The QR code of <paramref name="text"/> as an SVG data address for an img (made here, no script, no outside service).</summary>
    public static string QrCodeDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
    }

    /// <summary>The member's authenticator key, made the first time it is asked for.</summary>
    public static async Task<string> KeyAsync(UserManager<Member> users, Member member)
    {
        var key = await users.GetAuthenticatorKeyAsync(member);
        if (!string.IsNullOrEmpty(key)) return key;
        await users.ResetAuthenticatorKeyAsync(member);
        return (await users.GetAuthenticatorKeyAsync(member))!;
    }

    /// <summary>A code from the app (6 digits) or one of the member's unused recovery codes; a recovery code is used up.</summary>
    public static async Task<bool> CheckCodeOrRecoveryCodeAsync(UserManager<Member> users, Member member, string? typed)
    {
        var code = Clean(typed);
        if (LooksLikeCode(code))
            return await users.VerifyTwoFactorTokenAsync(member, users.Options.Tokens.AuthenticatorTokenProvider, code);
        var recovery = CleanRecoveryCode(typed);
        return recovery.Length > 0 && (await users.RedeemTwoFactorRecoveryCodeAsync(member, recovery)).Succeeded;
    }

    /// <summary>
    /// The second step of signing in with a recovery code, with the lockout that wrong app codes get:
    /// Identity itself does not count wrong recovery codes.
    /// </summary>
    public static async Task<SignInResult> RecoveryCodeSignInAsync(SignInManager<Member> signIn, string? typed)
    {
        var member = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (member is null) return SignInResult.Failed;
        var users = signIn.UserManager;
        if (await users.IsLockedOutAsync(member)) return SignInResult.LockedOut;
        var code = CleanRecoveryCode(typed);
        var result = code.Length == 0 ? SignInResult.Failed : await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded || result.IsLockedOut) return result;
        await users.AccessFailedAsync(member);
        return await users.IsLockedOutAsync(member) ? SignInResult.LockedOut : SignInResult.Failed;
    }

    /// <summary>Leaders and organisers without two-step sign-in are invited to turn it on (HQ must; see <see cref="TwoFactorForHq"/>).</summary>
    public static async Task<bool> ShouldInviteAsync(AppDb db, Member member) =>
        !member.TwoFactorEnabled && !member.IsHq && await db.Memberships.Leading().AnyAsync(m => m.MemberId == member.Id);
}
