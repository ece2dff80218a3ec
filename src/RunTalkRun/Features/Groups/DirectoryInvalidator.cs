using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RunTalkRun.Features.Runs;

namespace RunTalkRun.Features.Groups;

/// <summary>
/// Marks the group directory stale whenever groups, meeting points, series or runs are saved: before
/// the save, after it, and when a transaction around it commits (a reload that ran in between read the old rows).
/// After the save and at the commit, other instances are told too (with Redis, see <see cref="GroupDirectory"/>).
/// </summary>
public sealed class DirectoryInvalidator(GroupDirectory directory) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> touched = new();

    void Before(DbContext? context)
    {
        if (context is null || !context.ChangeTracker.Entries().Any(e =>
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is Group or Run or RunSeries or MeetingPoint or Leading.RunLeader))
            return;
        touched.AddOrUpdate(context, true);
        directory.Invalidate(everywhere: false); // nothing saved yet: other instances hear after the save
    }

    void After(DbContext? context)
    {
        if (context is not null && touched.TryGetValue(context, out _)) directory.Invalidate();
    }

    void Committed(DbContext? context)
    {
        if (context is not null && touched.Remove(context)) directory.Invalidate();
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) { Before(eventData.Context); return result; }
    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    { Before(eventData.Context); return ValueTask.FromResult(result); }
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result) { After(eventData.Context); return result; }
    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    { After(eventData.Context); return ValueTask.FromResult(result); }
    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);
    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    { Committed(eventData.Context); return Task.CompletedTask; }
}
