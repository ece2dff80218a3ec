using NodaTime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Groups;

namespace RunTalkRun.Features.Leading;

/// <summary>A question from HQ or an answer from the applicant, on the application's own page.</summary>
public class ApplicationMessage
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public string? AuthorId { get; set; }
    public bool FromHq { get; set; }
    public string Text { get; set; } = "";
    public Instant CreatedAt { get; set; }
}

public class ApplicationMessageConfiguration : IEntityTypeConfiguration<ApplicationMessage>
{
    public void Configure(EntityTypeBuilder<ApplicationMessage> b)
    {
        b.Property(m => m.Text).HasMaxLength(LeaderApplication.TextMaxLength).IsRequired();
        b.HasOne<Member>().WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.SetNull);
    }
}
