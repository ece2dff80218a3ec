using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;

namespace RunTalkRun.Features.Accounts;

/// <summary>
/// Identity's authenticator codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits, two steps either side of now
/// for clocks that drift), with one change: a code is accepted once. The time step of the last accepted code is
/// kept per account in AspNetUserTokens (no column of its own), and a code is accepted only when its step is later
/// than that one, claimed with one conditional UPDATE: of two requests with the same code, at the same moment or
/// not, on one instance or several, only one gets in. Every place a code is checked goes through here (signing in
/// on the page and the API, setting up, new recovery codes, turning it off), and a refused code is a wrong code,
/// counting toward the lockout as before.
/// </summary>
public sealed class OnceOnlyAuthenticatorCodes(AppDb db, TimeProvider time) : AuthenticatorTokenProvider<Member>
{
    /// <summary>Where the last accepted step is kept: AspNetUserTokens (LoginProvider, Name).</summary>
    public const string StoreName = "[RunTalkRun]";
    public const string LastStepName = "AuthenticatorLastStep";
    const int StepsEitherSide = 2;

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<Member> manager, Member user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != 6 || !token.All(char.IsAsciiDigit) || FromBase32(key) is not { Length: > 0 } secret)
            return false;
        var now = time.GetUtcNow().ToUnixTimeSeconds() / 30;
        var typed = Encoding.ASCII.GetBytes(token);
        for (var step = now - StepsEitherSide; step <= now + StepsEitherSide; step++)
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Code(secret, step)), typed))
                return await ClaimAsync(user.Id, step);
        return false;
    }

    /// <summary>Records <paramref name="step"/> as the last one used, if it is later than the one recorded; false when it isn't (the code was used already).</summary>
    async Task<bool> ClaimAsync(string memberId, long step)
    {
        var value = step.ToString("D12", CultureInfo.InvariantCulture); // fixed width: text order is number order
        // The row, made the first time (a no-op after that, and when two requests make it at once).
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "AspNetUserTokens" ("UserId", "LoginProvider", "Name", "Value") VALUES ({memberId}, {StoreName}, {LastStepName}, '') ON CONFLICT DO NOTHING""");
        var claimed = await db.UserTokens
            .Where(t => t.UserId == memberId && t.LoginProvider == StoreName && t.Name == LastStepName && string.Compare(t.Value, value) < 0)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, value));
        return claimed == 1;
    }

    static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0f;
        var number = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (number % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>A base32 key (RFC 4648) as Identity makes them; null if it isn't one.</summary>
    static byte[]? FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant())
        {
            if (c is ' ' or '=') continue;
            var value = alphabet.IndexOf(c);
            if (value < 0) return null;
            buffer = ((buffer << 5) | value) & 0xFFFF;
            bits += 5;
            if (bits < 8) continue;
            bytes.Add((byte)(buffer >> (bits - 8)));
            bits -= 8;
        }
        return bytes.ToArray();
    }
}
