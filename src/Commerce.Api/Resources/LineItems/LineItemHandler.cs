using Commerce.Api.Authentication;
using Commerce.Api.Persistence;
using Commerce.Domain.Common;
using Commerce.Domain.Orders;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.LineItems;

/// <summary>Line items change through their order, so the order's rules (editable, totals, status) always apply.</summary>
internal sealed class LineItemHandler(CommerceDbContext db, Caller caller, RelationshipTargets targets, TimeProvider clock) : IResourceHandler<LineItem>
{
    // The order navigation is loaded for the language of formatted amounts.
    public IQueryable<LineItem> Query() => caller.IsCustomer
        ? db.LineItems.Include(l => l.Order).Where(l => l.Order!.CustomerId == caller.CustomerId)
        : db.LineItems.Include(l => l.Order);

    public bool HidesNothing => !caller.IsCustomer;

    public async Task<LineItem> CreateAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        // Commerce Layer's clients send item_type "skus" with sku_code; other lines are made by pricing.
        if (input.TryGetAttribute<string?>("item_type", out var itemType) && itemType is not (null or LineItemTypes.Skus))
            throw JsonApiException.Invalid(ResourceInput.AttributePointer("item_type"), $"A line item is created for skus; '{itemType}' lines are made by pricing.");
        input.Require("sku_code", "quantity");
        var order = await targets.RequireAsync<Order>(input, "order");
        var code = (string)input.Attributes["sku_code"]!;
        var sku = await db.Skus.Include(s => s.Prices).AsSingleQuery().FirstOrDefaultAsync(s => s.Code == code, cancellationToken)
            ?? throw JsonApiException.Invalid(ResourceInput.AttributePointer("sku_code"), $"There is no SKU with code '{code}'.");
        if (order.Editable)
            await Placement.PromotionCandidates.LoadAsync(db, order, clock.GetUtcNow(), cancellationToken, order.CouponCode);
        var line = order.AddLineItem(sku, (int)input.Attributes["quantity"]!, input.HasTrigger(LineItemsResource.UpdateQuantity));
        Describe(order, line, input);
        await db.SaveChangesAsync(cancellationToken);
        return line;
    }

    public async Task UpdateAsync(LineItem resource, ResourceInput input, CancellationToken cancellationToken)
    {
        var order = await db.LoadAggregateAsync(resource.OrderId, cancellationToken);
        if (order.Editable)
            await Placement.PromotionCandidates.LoadAsync(db, order, clock.GetUtcNow(), cancellationToken, order.CouponCode);
        if (input.TryGetAttribute<int>("quantity", out var quantity))
            order.ChangeLineItemQuantity(resource.Id, quantity);
        Describe(order, resource, input);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary><c>name</c>, <c>image_url</c> and <c>metadata</c>, when sent, through the order (its rules: editable).</summary>
    private static void Describe(Order order, LineItem line, ResourceInput input)
    {
        var name = input.TryGetAttribute<string?>("name", out var sentName) ? Optional.Of(sentName) : Optional.Absent<string?>();
        var image = input.TryGetAttribute<string?>("image_url", out var sentImage) ? Optional.Of(sentImage) : Optional.Absent<string?>();
        input.TryGetAttribute<IReadOnlyDictionary<string, object?>?>("metadata", out var metadata);
        if (name.IsSet || image.IsSet || input.Attributes.ContainsKey("metadata"))
            order.DescribeLineItem(line.Id, name, image, metadata ?? (input.Attributes.ContainsKey("metadata") ? new Dictionary<string, object?>() : null));
    }

    public async Task DeleteAsync(LineItem resource, CancellationToken cancellationToken)
    {
        var order = await db.LoadAggregateAsync(resource.OrderId, cancellationToken);
        if (order.Editable)
            await Placement.PromotionCandidates.LoadAsync(db, order, clock.GetUtcNow(), cancellationToken, order.CouponCode);
        order.RemoveLineItem(resource.Id);
        await db.SaveChangesAsync(cancellationToken);
    }
}
