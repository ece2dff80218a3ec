using NodaTime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RunTalkRun.Features.Talk;

/// <summary>A word or phrase about suicide or self-harm that HQ keeps on the safe-messaging list.</summary>
public class CrisisPhrase
{
    public const int MaxLength = 80;

    public int Id { get; set; }
    public string Phrase { get; set; } = "";
    public Instant AddedAt { get; set; }
    public string AddedById { get; set; } = "";
}

public class CrisisPhraseConfiguration : IEntityTypeConfiguration<CrisisPhrase>
{
    public void Configure(EntityTypeBuilder<CrisisPhrase> b)
    {
        b.Property(p => p.Phrase).HasMaxLength(CrisisPhrase.MaxLength).IsRequired();
        b.HasIndex(p => p.Phrase).IsUnique();
        b.Property(p => p.AddedById).HasMaxLength(64);
        // A starting list for HQ to edit: plain words people use, not clinical terms. Matching ignores case,
        // punctuation and apostrophes ("can't" is "cant"), and takes whole words only.
        var added = Instant.FromUtc(2026, 11, 22, 0, 0);
        string[] starting =
        [
            "suicide", "suicidal", "kill myself", "killing myself", "end my life", "ending my life", "end it all",
            "take my own life", "want to die", "wanna die", "better off dead", "better off without me",
            "no reason to live", "don't want to be here anymore", "don't want to be alive", "can't go on",
            "self-harm", "selfharm", "hurt myself", "hurting myself", "cut myself", "cutting myself", "overdose",
        ];
        b.HasData(starting.Select((p, i) => new CrisisPhrase { Id = i + 1, Phrase = p, AddedAt = added, AddedById = "" }));
    }
}
