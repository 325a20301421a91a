using Commerce.Api.Outbox;
using Commerce.Api.Persistence;
using Commerce.Domain.Common;
using Commerce.Domain.Orders;
using Commerce.Domain.Placement;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Placement;

/// <summary>
/// The placement hook: something an order uses that is limited (a coupon's or promotion's uses, a gift card's balance) takes
/// part in placing it, exactly once, on the same machinery as stock. A participant is registered with
/// <c>services.AddPlacementParticipant&lt;T&gt;()</c> (a scoped service) and is called by <see cref="EfPlacementStore"/> and
/// <see cref="GiveBackPlacementHolds"/>, always inside a database transaction that is already open on
/// <see cref="PlacementParticipation.Db"/>: a participant never commits, never opens a transaction, never calls out of the
/// database. The store moves the <see cref="PlacementHold"/> rows between statuses by conditional updates; the participant
/// moves its own counters and balances.
/// <list type="number">
/// <item><see cref="HoldAsync"/>: in the compare-and-set's transaction (the order just became <c>placing</c>, its stock is
/// taken). Take what the order uses with conditional updates that cannot overshoot (<c>… WHERE usage_count &lt; usage_limit</c>,
/// <c>… WHERE balance_cents &gt;= amount</c>) and record each with <see cref="PlacementParticipation.Hold"/>. Return the
/// failures (at the order's member, e.g. <c>coupon_code</c>) when something can no longer be taken: the whole transaction
/// rolls back (stock, the order's status, other participants' holds) and the placement is a 422 listing them.</item>
/// <item><see cref="CommitAsync"/>: in the transaction that saves the placed order (request or reconciler): the holds stay
/// taken; do what placing means for them (a single-use card <c>redeemed</c>, a bought card <c>active</c>, a ledger row). The
/// store then marks them <c>committed</c>.</item>
/// <item><see cref="ReleaseAsync"/>: in the transaction that undoes the placement (decline, gateway failure, the reconciler
/// undoing a crashed one), only when that undo wins: give back what <see cref="HoldAsync"/> took. The store marks them
/// <c>released</c>.</item>
/// <item><see cref="GiveBackAsync"/>: after <c>orders.cancel</c> or <c>orders.refund</c>, from the outbox, exactly once
/// (the dispatcher's handled marker commits with it): give back what the participant gives back for that topic (a coupon
/// use on cancel only, a card balance on both) and return the holds given back; the store marks them <c>returned</c>.</item>
/// <item><see cref="CheckGiveBackAsync"/>: before a cancel or refund moves any money: failures that refuse it (a bought
/// gift card already spent: a person decides).</item>
/// </list>
/// </summary>
public interface IPlacementParticipant
{
    /// <summary>Stable name, stored in <c>placement_holds.participant</c>; a participant sees only its own holds.</summary>
    string Name { get; }

    Task<IReadOnlyList<DomainFailure>> HoldAsync(PlacementParticipation placement, CancellationToken cancellationToken);

    Task CommitAsync(PlacementParticipation placement, IReadOnlyList<PlacementHold> holds, CancellationToken cancellationToken);

    Task ReleaseAsync(PlacementParticipation placement, IReadOnlyList<PlacementHold> holds, CancellationToken cancellationToken);

    /// <param name="topic"><c>orders.cancel</c> or <c>orders.refund</c> (<see cref="OrderEvents"/>).</param>
    /// <returns>The holds given back (a subset of <paramref name="holds"/>).</returns>
    Task<IReadOnlyList<PlacementHold>> GiveBackAsync(PlacementParticipation placement, IReadOnlyList<PlacementHold> holds, string topic, CancellationToken cancellationToken);

    Task<IReadOnlyList<DomainFailure>> CheckGiveBackAsync(PlacementParticipation placement, IReadOnlyList<PlacementHold> holds, string topic, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DomainFailure>>([]);
}

/// <summary>What a participant is handed: the context whose transaction is open, the order (the aggregate: line items, codes) and the clock's now.</summary>
public sealed class PlacementParticipation(CommerceDbContext db, Order order, DateTimeOffset now, string participant)
{
    public CommerceDbContext Db { get; } = db;
    public Order Order { get; } = order;
    public DateTimeOffset Now { get; } = now;

    /// <summary>
    /// Records a hold of this participant for the order (call it right after the conditional update that took it); the store
    /// saves it in the same transaction. Entities a participant adds to <see cref="Db"/> (ledger rows) are saved likewise.
    /// </summary>
    public void Hold(string targetId, long amount) => Db.PlacementHolds.Add(new PlacementHold(Order.Id, participant, targetId, amount));
}

/// <summary>The registered participants, called in turn by the placement store, the outbox and the order handler.</summary>
public sealed class PlacementParticipants(IEnumerable<IPlacementParticipant> participants)
{
    private readonly IReadOnlyList<IPlacementParticipant> _participants = [.. participants];

    public bool Any => _participants.Count > 0;

    /// <summary>Every participant's holds, in the open transaction; the failures of all that refused.</summary>
    internal async Task<IReadOnlyList<DomainFailure>> HoldAsync(CommerceDbContext db, Order order, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var failures = new List<DomainFailure>();
        foreach (var participant in _participants)
            failures.AddRange(await participant.HoldAsync(new(db, order, now, participant.Name), cancellationToken));
        return failures;
    }

    /// <summary>The order's held holds become committed; each participant commits its own. In the completing transaction.</summary>
    internal Task CommitAsync(CommerceDbContext db, Order order, DateTimeOffset now, CancellationToken cancellationToken) =>
        SettleAsync(db, order, now, PlacementHoldStatus.Committed, (p, c, h) => p.CommitAsync(c, h, cancellationToken), cancellationToken);

    /// <summary>The order's held holds become released; each participant gives back its own. In the undoing transaction.</summary>
    internal Task ReleaseAsync(CommerceDbContext db, Order order, DateTimeOffset now, CancellationToken cancellationToken) =>
        SettleAsync(db, order, now, PlacementHoldStatus.Released, (p, c, h) => p.ReleaseAsync(c, h, cancellationToken), cancellationToken);

    private async Task SettleAsync(CommerceDbContext db, Order order, DateTimeOffset now, string to,
        Func<IPlacementParticipant, PlacementParticipation, IReadOnlyList<PlacementHold>, Task> settle, CancellationToken cancellationToken)
    {
        if (!Any)
            return;
        var held = await db.PlacementHolds.AsNoTracking()
            .Where(h => h.OrderId == order.Id && h.Status == PlacementHoldStatus.Held).ToListAsync(cancellationToken);
        foreach (var participant in _participants)
        {
            var own = held.Where(h => h.Participant == participant.Name).ToList();
            if (own.Count == 0)
                continue;
            // Conditional on the status before: a hold is settled once, whoever settles it.
            var ids = own.Select(h => h.Id).ToList();
            var moved = await db.PlacementHolds
                .Where(h => ids.Contains(h.Id) && h.Status == PlacementHoldStatus.Held)
                .ExecuteUpdateAsync(set => set.SetProperty(h => h.Status, to).SetProperty(h => h.UpdatedAt, now), cancellationToken);
            if (moved != own.Count)
                throw new DbUpdateConcurrencyException($"placement holds of order {order.Id} were settled by another actor");
            await settle(participant, new(db, order, now, participant.Name), own);
        }
    }

    /// <summary>Failures that refuse a cancel or refund, from every participant's committed holds of the order.</summary>
    public async Task<IReadOnlyList<DomainFailure>> CheckGiveBackAsync(CommerceDbContext db, Order order, string topic, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!Any)
            return [];
        var committed = await CommittedAsync(db, order.Id, cancellationToken);
        var failures = new List<DomainFailure>();
        foreach (var participant in _participants)
        {
            var own = committed.Where(h => h.Participant == participant.Name).ToList();
            if (own.Count > 0)
                failures.AddRange(await participant.CheckGiveBackAsync(new(db, order, now, participant.Name), own, topic, cancellationToken));
        }
        return failures;
    }

    /// <summary>After a cancel or refund: each participant gives back what it gives back for the topic; those holds become returned.</summary>
    internal async Task GiveBackAsync(CommerceDbContext db, Order order, string topic, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var committed = await CommittedAsync(db, order.Id, cancellationToken);
        foreach (var participant in _participants)
        {
            var own = committed.Where(h => h.Participant == participant.Name).ToList();
            if (own.Count == 0)
                continue;
            var returned = (await participant.GiveBackAsync(new(db, order, now, participant.Name), own, topic, cancellationToken)).Select(h => h.Id).ToList();
            if (returned.Count == 0)
                continue;
            var moved = await db.PlacementHolds
                .Where(h => returned.Contains(h.Id) && h.Status == PlacementHoldStatus.Committed)
                .ExecuteUpdateAsync(set => set.SetProperty(h => h.Status, PlacementHoldStatus.Returned).SetProperty(h => h.UpdatedAt, now), cancellationToken);
            if (moved != returned.Count)
                throw new DbUpdateConcurrencyException($"placement holds of order {order.Id} were returned by another actor");
        }
    }

    private static async Task<List<PlacementHold>> CommittedAsync(CommerceDbContext db, string orderId, CancellationToken cancellationToken) =>
        await db.PlacementHolds.AsNoTracking()
            .Where(h => h.OrderId == orderId && h.Status == PlacementHoldStatus.Committed).ToListAsync(cancellationToken);
}

/// <summary>
/// After <c>orders.cancel</c> or <c>orders.refund</c>: the participants give back what the placed order's committed holds
/// took (see <see cref="IPlacementParticipant.GiveBackAsync"/>). Exactly once: the dispatcher commits it with its handled marker.
/// </summary>
internal sealed class GiveBackPlacementHolds(IServiceScopeFactory scopes, TimeProvider clock) : IEventHandler
{
    public string Name => "placement_holds.give_back";

    public bool Handles(string topic) => topic is OrderEvents.Cancelled or OrderEvents.Refunded;

    public async Task HandleAsync(OutboxEvent outboxEvent, CommerceDbContext db, CancellationToken cancellationToken)
    {
        // Participants are scoped services; the work happens on the dispatcher's context (its transaction is open).
        await using var scope = scopes.CreateAsyncScope();
        var participants = scope.ServiceProvider.GetRequiredService<PlacementParticipants>();
        if (!participants.Any)
            return;
        var order = await db.LoadAggregateAsync(outboxEvent.ResourceId, cancellationToken);
        await participants.GiveBackAsync(db, order, outboxEvent.Topic, clock.GetUtcNow(), cancellationToken);
    }
}

public static class PlacementParticipantServiceCollectionExtensions
{
    /// <summary>Registers a placement participant (scoped): it takes part in every placement, undo, reconciliation, cancel and refund.</summary>
    public static IServiceCollection AddPlacementParticipant<T>(this IServiceCollection services) where T : class, IPlacementParticipant
    {
        services.AddScoped<IPlacementParticipant, T>();
        return services;
    }
}
