using NodaTime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Features.Safety;

/// <summary>A safeguarding lead's note on a concern. Never shown to the leader who raised it.</summary>
public class ConcernNote
{
    public const int MaxLength = 4000;

    public int Id { get; set; }
    public int ConcernId { get; set; }
    public string? AuthorId { get; set; }
    public string Text { get; set; } = "";
    public Instant At { get; set; }

    public Member? Author { get; set; }
}

public class ConcernNoteConfiguration : IEntityTypeConfiguration<ConcernNote>
{
    public void Configure(EntityTypeBuilder<ConcernNote> b)
    {
        b.ToTable("ConcernNotes");
        b.Property(n => n.Text).HasMaxLength(ConcernNote.MaxLength).IsRequired();
        b.HasOne(n => n.Author).WithMany().HasForeignKey(n => n.AuthorId).OnDelete(DeleteBehavior.SetNull);
    }
}
