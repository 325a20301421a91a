using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Commerce.Api.Persistence;

/// <summary>
/// One writer at a time within this process, for SQLite, in arrival order. SQLite lets one connection write at a time;
/// the others find the database busy and SQLite's busy handler puts them to sleep for 1, 2, 5, 10… up to 100 ms before
/// it tries again, so with a few concurrent writers most of a write request's time was spent asleep while the lock was
/// free (the load benchmark's checkout: each step ~24 ms at p50 for ~1 ms of work, the service using one of two cores).
/// Here a writer waits on an async queue instead and starts the moment the previous one is done.
/// <para>
/// A write is a transaction (from its start to its commit, rollback, failure, or the connection closing — a transaction
/// disposed without either closes the connection EF Core opened for it) or an INSERT, UPDATE or DELETE run outside a
/// transaction (until it ends, or for a statement that returns rows, until its reader is disposed). Reads never wait:
/// in WAL mode they do not block writers. Another process on the same file still meets SQLite's own lock and busy
/// timeout. A writer that waited <c>wait</c> for the gate goes ahead without it and leaves the decision to SQLite.
/// </para>
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "One gate per database file lives as long as the process; its semaphore has no wait handle to free.")]
internal sealed class SqliteWriteGate(TimeSpan wait) : IDbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The turn a connection holds, and the transaction it is holding it for (a connection has at most one of each).</summary>
    private readonly ConditionalWeakTable<DbConnection, Turn> _byConnection = new();
    private readonly ConditionalWeakTable<DbTransaction, Turn> _byTransaction = new();
    private readonly ConditionalWeakTable<DbCommand, Turn> _byCommand = new();

    private sealed class Turn(SemaphoreSlim gate)
    {
        private int _held = 1;

        /// <summary>Gives the turn back once, whichever of commit, rollback, failure or close comes first.</summary>
        public void End()
        {
            if (Interlocked.Exchange(ref _held, 0) == 1)
                gate.Release();
        }
    }

    /// <summary>The connections whose writer is queued at the gate now, waiting for another to finish.</summary>
    private readonly ConcurrentDictionary<DbConnection, byte> _waiting = new();

    /// <summary>Whether no writer holds the gate now.</summary>
    internal bool IsFree => _gate.CurrentCount == 1;

    /// <summary>Whether a writer on <paramref name="connection"/> is queued at the gate now, waiting for its turn.</summary>
    internal bool IsWaiting(DbConnection connection) => _waiting.ContainsKey(connection);

    private async ValueTask<Turn?> TakeAsync(DbConnection? connection, CancellationToken cancellationToken)
    {
        var taking = _gate.WaitAsync(wait, cancellationToken);
        if (taking.IsCompleted || connection is null)
            return await taking.ConfigureAwait(false) ? new Turn(_gate) : null;
        _waiting[connection] = 0;
        try
        {
            return await taking.ConfigureAwait(false) ? new Turn(_gate) : null;
        }
        finally
        {
            _waiting.TryRemove(connection, out _);
        }
    }

    private Turn? Take(DbConnection? connection)
    {
        if (_gate.Wait(0))
            return new Turn(_gate);
        if (connection is not null)
            _waiting[connection] = 0;
        try
        {
            return _gate.Wait(wait) ? new Turn(_gate) : null;
        }
        finally
        {
            if (connection is not null)
                _waiting.TryRemove(connection, out _);
        }
    }

    // ---- transactions: from BEGIN to COMMIT or ROLLBACK ----

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        Hold(connection, await TakeAsync(connection, cancellationToken).ConfigureAwait(false));
        return result;
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Hold(connection, Take(connection));
        return result;
    }

    private void Hold(DbConnection connection, Turn? turn)
    {
        if (turn is null)
            return;
        _byConnection.AddOrUpdate(connection, turn);
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        if (_byConnection.TryGetValue(connection, out var turn))
            _byTransaction.AddOrUpdate(result, turn);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default) => ValueTask.FromResult(TransactionStarted(connection, eventData, result));

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => EndTransaction(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        EndTransaction(transaction);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => EndTransaction(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        EndTransaction(transaction);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => EndTransaction(transaction);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        EndTransaction(transaction);
        return Task.CompletedTask;
    }

    private void EndTransaction(DbTransaction? transaction)
    {
        if (transaction is not null)
            End(_byTransaction, transaction);
    }

    /// <summary>Gives back the turn <paramref name="holder"/> holds, if any, and forgets it.</summary>
    private static void End<THolder>(ConditionalWeakTable<THolder, Turn> turns, THolder holder) where THolder : class
    {
        if (turns.TryGetValue(holder, out var turn))
        {
            turns.Remove(holder);
            turn.End();
        }
    }

    // ---- a transaction that failed to begin, or was disposed without commit or rollback, ends with its connection ----

    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        EndConnection(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        EndConnection(connection);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult ConnectionDisposing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        EndConnection(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionDisposingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        EndConnection(connection);
        return ValueTask.FromResult(result);
    }

    private void EndConnection(DbConnection connection) => End(_byConnection, connection);

    // ---- a write statement outside a transaction: for as long as it runs ----

    private static bool IsLoneWrite(DbCommand command)
    {
        if (command.Transaction is not null)
            return false;
        var text = command.CommandText.AsSpan().TrimStart();
        return text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase);
    }

    private async ValueTask BeginStatementAsync(DbCommand command, CancellationToken cancellationToken)
    {
        if (IsLoneWrite(command) && await TakeAsync(command.Connection, cancellationToken).ConfigureAwait(false) is { } turn)
            _byCommand.AddOrUpdate(command, turn);
    }

    private void BeginStatement(DbCommand command)
    {
        if (IsLoneWrite(command) && Take(command.Connection) is { } turn)
            _byCommand.AddOrUpdate(command, turn);
    }

    private void EndStatement(DbCommand command) => End(_byCommand, command);

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        await BeginStatementAsync(command, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        BeginStatement(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        EndStatement(command);
        return ValueTask.FromResult(result);
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        EndStatement(command);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result,
        CancellationToken cancellationToken = default)
    {
        await BeginStatementAsync(command, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        BeginStatement(command);
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        EndStatement(command);
        return ValueTask.FromResult(result);
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        EndStatement(command);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await BeginStatementAsync(command, cancellationToken).ConfigureAwait(false);
        return result;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        BeginStatement(command);
        return result;
    }

    /// <summary>A statement that returns rows (INSERT … RETURNING) holds SQLite's lock until its reader is done.</summary>
    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        EndStatement(command);
        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => EndStatement(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        EndStatement(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => EndStatement(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        EndStatement(command);
        return Task.CompletedTask;
    }
}
