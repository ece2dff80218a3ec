using MimeKit;

namespace RunTalkRun.Tests.Infrastructure;

/// <summary>Reads the mail the app wrote as .eml files under its data directory (no SMTP server set).</summary>
public static class MailBox
{
    public static async Task<MimeMessage> WaitForMailToAsync(string directory, string to, string subjectContains, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < until)
        {
            if (await FindAsync(directory, to, subjectContains) is { } message) return message;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No mail to {to} about '{subjectContains}' arrived in {directory}");
    }

    /// <summary>The first mail so far to <paramref name="to"/> whose subject contains the text, or null.</summary>
    public static async Task<MimeMessage?> FindAsync(string directory, string to, string subjectContains)
    {
        if (!Directory.Exists(directory)) return null;
        foreach (var file in Directory.GetFiles(directory, "*.eml").Concat(Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Where(f => f.Contains($"{Path.DirectorySeparatorChar}new{Path.DirectorySeparatorChar}"))).Distinct())
        {
            MimeMessage message;
            try { message = await MimeMessage.LoadAsync(file); } catch (IOException) { continue; } catch (FormatException) { continue; }
            if (message.To.Mailboxes.Any(m => m.Address.Equals(to, StringComparison.OrdinalIgnoreCase)) && (message.Subject ?? "").Contains(subjectContains))
                return message;
        }
        return null;
    }

    /// <summary>Every mail that has arrived so far to <paramref name="to"/> whose subject contains the text.</summary>
    public static async Task<List<MimeMessage>> AllToAsync(string directory, string to, string subjectContains)
    {
        var found = new List<MimeMessage>();
        if (!Directory.Exists(directory)) return found;
        foreach (var file in Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".eml") || f.Contains($"{Path.DirectorySeparatorChar}new{Path.DirectorySeparatorChar}")))
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => m.Address.Equals(to, StringComparison.OrdinalIgnoreCase)) && (message.Subject ?? "").Contains(subjectContains))
                found.Add(message);
        }
        return found;
    }

    public static string LinkIn(MimeMessage message, string pathContains) =>
        (message.TextBody ?? "").Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries)
            .First(w => w.StartsWith("http") && w.Contains(pathContains));
}
