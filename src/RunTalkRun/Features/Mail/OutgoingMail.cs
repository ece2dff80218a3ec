using NodaTime;
using RunTalkRun.Features.Accounts;

namespace RunTalkRun.Features.Mail;

/// <summary>
/// One email to queue (<see cref="Outbox.QueueAsync"/>). <see cref="Key"/> says what it is about and is unique:
/// the same key is never queued twice. <see cref="GroupId"/> is the group it is about, if any: its country
/// chooses the crisis lines in the footer. <see cref="DueAt"/> null means now.
/// </summary>
public sealed record OutgoingMail(string Key, MailKind Kind, Member To, string Subject, string Body, int? GroupId = null, Instant? DueAt = null);
