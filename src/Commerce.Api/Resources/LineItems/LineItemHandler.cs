using Commerce.Api.Authentication;
using Commerce.Api.Persistence;
using Commerce.Domain.Catalog;
using Commerce.Domain.Common;
using Commerce.Domain.GiftCards;
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

    /// <summary>
    /// A SKU line (<c>sku_code</c> or an <c>item</c> of type <c>skus</c>, and <c>quantity</c>), or, with <c>item_type</c>
    /// <c>gift_cards</c>, a gift card bought: <c>item</c> a draft card the caller may read, quantity 1.
    /// </summary>
    public async Task<LineItem> CreateAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        input.TryGetAttribute<string?>("item_type", out var itemType);
        itemType ??= LineItemTypes.Skus;
        if (itemType is not (LineItemTypes.Skus or LineItemTypes.GiftCards))
            throw JsonApiException.Invalid(ResourceInput.AttributePointer("item_type"),
                $"A line item is created for skus or gift_cards; '{itemType}' lines are made by pricing.");
        input.TryGetRelationship("item", out var item);
        if (item?.Single is { } identifier && identifier.Type != itemType)
            throw JsonApiException.Invalid($"{item.Pointer}/type", $"item must be of item_type '{itemType}'.");
        if (itemType == LineItemTypes.GiftCards)
            return await CreateGiftCardLineAsync(input, item, cancellationToken);

        var order = await targets.RequireAsync<Order>(input, "order");
        Sku sku;
        if (item?.Single is not null)
        {
            input.Require("quantity");
            if (input.HasAttribute("sku_code"))
                throw JsonApiException.Invalid(ResourceInput.AttributePointer("sku_code"), "Send sku_code or item, not both.");
            var linked = (await targets.FindAsync<Sku>(item))!;
            sku = await db.Skus.Include(s => s.Prices).AsSingleQuery().FirstAsync(s => s.Id == linked.Id, cancellationToken);
        }
        else
        {
            input.Require("sku_code", "quantity");
            var code = (string)input.Attributes["sku_code"]!;
            sku = await db.Skus.Include(s => s.Prices).AsSingleQuery().FirstOrDefaultAsync(s => s.Code == code, cancellationToken)
                ?? throw JsonApiException.Invalid(ResourceInput.AttributePointer("sku_code"), $"There is no SKU with code '{code}'.");
        }
        if (order.Editable)
            await Placement.PromotionCandidates.LoadAsync(db, order, clock.GetUtcNow(), cancellationToken, order.CouponCode);
        var line = order.AddLineItem(sku, (int)input.Attributes["quantity"]!, input.HasTrigger(LineItemsResource.UpdateQuantity));
        Describe(order, line, input);
        await db.SaveChangesAsync(cancellationToken);
        return line;
    }

    private async Task<LineItem> CreateGiftCardLineAsync(ResourceInput input, RelationshipInput? item, CancellationToken cancellationToken)
    {
        if (input.HasAttribute("sku_code"))
            throw JsonApiException.Invalid(ResourceInput.AttributePointer("sku_code"), "A gift card line has no sku_code: its item is the card.");
        if (input.TryGetAttribute<int>("quantity", out var quantity) && quantity != 1)
            throw JsonApiException.Invalid(ResourceInput.AttributePointer("quantity"), "A gift card line's quantity is 1: add a line per card.");
        if (item?.Single is null)
            throw JsonApiException.Invalid(ResourceInput.RelationshipPointer("item"), "item can't be blank: the draft gift card to buy.");
        var order = await targets.RequireAsync<Order>(input, "order");
        var card = (await targets.FindAsync<GiftCard>(item))!;
        if (order.Editable)
            await Placement.PromotionCandidates.LoadAsync(db, order, clock.GetUtcNow(), cancellationToken, order.CouponCode);
        var line = order.AddGiftCardPurchase(card);
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
