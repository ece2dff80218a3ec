using Microsoft.EntityFrameworkCore;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Mail;

/// <summary>Wakes the sender when there is mail to send now.</summary>
public class OutboxSignal
{
    readonly SemaphoreSlim gate = new(0, 1);

    public void Wake()
    {
        try { gate.Release(); } catch (SemaphoreFullException) { /* already awake */ }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => gate.WaitAsync(timeout, ct);
}
