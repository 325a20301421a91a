using System.Security.Cryptography;
using Commerce.Api.Persistence;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on POST and PATCH, with Stripe's semantics: the first request with a key runs and
/// its response is stored for 24 hours; the same key with the same request replays that response with
/// <c>Idempotent-Replayed: true</c>; the same key with another request is 422; the same key while the first
/// is still running is 409. Responses of 5xx and 409 are not stored, so such a request can be retried with
/// its key. A key abandoned mid-request (a crash) can be used again after
/// <see cref="IdempotencyOptions.AbandonedAfterSeconds"/>.
/// An expired key is treated as unknown when it is used again; expired records are deleted by a sweep that a
/// claim runs at most once per <see cref="SweepEvery"/> in each process, not on every request.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IServiceScopeFactory scopes, TimeProvider clock, IdempotencyOptions options)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 255;
    private static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);
    private readonly TimeSpan _abandonedAfter = TimeSpan.FromSeconds(options.AbandonedAfterSeconds);
    public static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    /// <summary>When this process sweeps expired keys next (UTC ticks); the first claim sweeps.</summary>
    private long _nextSweep;

    public async Task InvokeAsync(HttpContext context)
    {
        var key = context.Request.Headers[Header].ToString();
        // A request without a valid token is answered 401 further on: it claims nothing and writes nothing.
        if (key.Length == 0 || !(HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPatch(context.Request.Method))
            || context.User.Identity is not { IsAuthenticated: true })
        {
            await next(context);
            return;
        }
        if (key.Length > MaxKeyLength || key.Any(char.IsControl))
        {
            await RefuseAsync(context, 400, ErrorCodes.InvalidDataFormat, $"The Idempotency-Key header must be 1 to {MaxKeyLength} printable characters.");
            return;
        }

        // Keys belong to the caller that sent them (Caller.ScopeOf): another application, another customer or another anonymous
        // shopper using the same key gets its own answer, never this caller's.
        key = $"{Commerce.Api.Authentication.Caller.ScopeOf(context.User)}:{key}";
        var fingerprint = await FingerprintAsync(context.Request);
        var now = clock.GetUtcNow();
        var (claimed, existing) = await ClaimAsync(key, fingerprint, now, context.RequestAborted);
        if (!claimed)
        {
            if (existing!.Fingerprint != fingerprint)
                await RefuseAsync(context, 422, ErrorCodes.ValidationError, "This Idempotency-Key was used with another request; use a new key for a new request.");
            else if (!existing.Completed)
                await RefuseAsync(context, 409, ErrorCodes.Conflict, "A request with this Idempotency-Key is still being processed; retry later.");
            else
                await ReplayAsync(context, existing);
            return;
        }

        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var stored = false;
        try
        {
            await next(context);
            var status = context.Response.StatusCode;
            if (status < 500 && status != StatusCodes.Status409Conflict)
            {
                await CompleteAsync(key, context.Response, buffer.ToArray());
                stored = true;
            }
        }
        finally
        {
            if (!stored)
                await ReleaseAsync(key);
            context.Response.Body = original;
            buffer.Position = 0;
            await buffer.CopyToAsync(original, CancellationToken.None);
        }
    }

    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            sha.AppendData(chunk, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Inserts the key (the primary key makes the claim atomic); returns the existing record when it is taken.</summary>
    private async Task<(bool Claimed, IdempotencyRecord? Existing)> ClaimAsync(string key, string fingerprint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        var existing = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, cancellationToken);
        if (existing is not null)
        {
            var abandoned = !existing.Completed && existing.CreatedAt < now - _abandonedAfter;
            if (existing.ExpiresAt > now && !abandoned)
                return (false, existing);
            await db.IdempotencyRecords.Where(r => r.Key == key && r.CreatedAt == existing.CreatedAt).ExecuteDeleteAsync(cancellationToken);
        }
        db.IdempotencyRecords.Add(new IdempotencyRecord { Key = key, Fingerprint = fingerprint, CreatedAt = now, ExpiresAt = now + KeptFor });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (SweepIsDue(now))
                await db.IdempotencyRecords.Where(r => r.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
            return (true, null);
        }
        catch (DbUpdateException)
        {
            // Another request claimed the key between our read and our insert.
            db.ChangeTracker.Clear();
            return (false, await db.IdempotencyRecords.AsNoTracking().FirstAsync(r => r.Key == key, cancellationToken));
        }
    }

    /// <summary>True for the one claim that takes this process's sweep when it is due.</summary>
    private bool SweepIsDue(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweep);
        return now.UtcTicks >= due && Interlocked.CompareExchange(ref _nextSweep, (now + SweepEvery).UtcTicks, due) == due;
    }

    private async Task CompleteAsync(string key, HttpResponse response, byte[] body)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        var location = response.Headers.Location.ToString();
        await db.IdempotencyRecords.Where(r => r.Key == key).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.Completed, true)
            .SetProperty(r => r.StatusCode, response.StatusCode)
            .SetProperty(r => r.ContentType, response.ContentType)
            .SetProperty(r => r.Location, location.Length == 0 ? null : location)
            .SetProperty(r => r.Body, body), CancellationToken.None);
    }

    private async Task ReleaseAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CommerceDbContext>().IdempotencyRecords
            .Where(r => r.Key == key && !r.Completed).ExecuteDeleteAsync(CancellationToken.None);
    }

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord record)
    {
        context.Response.StatusCode = record.StatusCode;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (record.ContentType is not null)
            context.Response.ContentType = record.ContentType;
        if (record.Location is not null)
            context.Response.Headers.Location = record.Location;
        if (record.Body is { Length: > 0 } body)
        {
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private static Task RefuseAsync(HttpContext context, int status, string code, string detail) =>
        ErrorFunnel.WriteAsync(context, [new ErrorObject(status, code, status == 409 ? "Conflict" : "Invalid idempotency key", detail, ErrorSource.AtHeader(Header))], status);
}
