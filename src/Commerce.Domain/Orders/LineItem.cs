using Commerce.Domain.Catalog;
using Commerce.Domain.Common;

namespace Commerce.Domain.Orders;

/// <summary>
/// One SKU in an order (<c>line_items</c>). Created and changed only through <see cref="Order"/>.
/// Name, image, unit price and <see cref="DoNotShip"/> are snapshots of the SKU, renewed by
/// <see cref="Order.Refresh"/>.
/// </summary>
public sealed class LineItem : Entity
{
    public const int MinQuantity = 1;
    public const int MaxQuantity = 10000;

    private LineItem() => OrderId = SkuId = SkuCode = Name = CurrencyCode = string.Empty;

    internal LineItem(Order order, Sku sku, long unitAmountCents, int quantity)
    {
        OrderId = order.Id;
        Order = order;
        SkuId = sku.Id;
        Sku = sku;
        SkuCode = sku.Code;
        Name = sku.Name;
        ImageUrl = sku.ImageUrl;
        DoNotShip = sku.DoNotShip;
        CurrencyCode = order.CurrencyCode;
        UnitAmountCents = unitAmountCents;
        SetQuantity(quantity);
    }

    public string OrderId { get; private set; }
    public Order? Order { get; private set; }
    public string SkuId { get; private set; }
    public Sku? Sku { get; private set; }
    public string SkuCode { get; private set; }
    public string Name { get; private set; }
    public string? ImageUrl { get; private set; }
    public string CurrencyCode { get; private set; }
    /// <summary>1..10000.</summary>
    public int Quantity { get; private set; }
    public long UnitAmountCents { get; private set; }
    /// <summary>unit_amount × quantity.</summary>
    public long TotalAmountCents { get; private set; }
    /// <summary>Snapshot of the SKU's <c>do_not_ship</c>: true for items that need no shipping.</summary>
    public bool DoNotShip { get; private set; }

    private readonly Dictionary<string, object?> _metadata = new(StringComparer.Ordinal);
    /// <summary>A JSON object of the client's, with an order's limits (<see cref="Order.DescribeLineItem"/>).</summary>
    public IReadOnlyDictionary<string, object?> Metadata => _metadata;

    internal void Rename(string? name)
    {
        var given = string.IsNullOrWhiteSpace(name) ? Sku?.Name : name.Trim();
        Name = given ?? Name;
    }

    internal void ChangeImage(string? imageUrl)
    {
        if (imageUrl is not null && (!Uri.TryCreate(imageUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            throw new DomainException(FailureCodes.ValidationError, "image_url must be an absolute http or https URL", "image_url");
        ImageUrl = imageUrl ?? Sku?.ImageUrl;
    }

    internal void ReplaceMetadata(IReadOnlyDictionary<string, object?> metadata)
    {
        _metadata.Clear();
        foreach (var (key, value) in metadata)
            _metadata[key] = value;
    }

    internal static void ValidateQuantity(long quantity)
    {
        if (quantity is < MinQuantity or > MaxQuantity)
            throw new DomainException(FailureCodes.ValidationError, $"quantity must be between {MinQuantity} and {MaxQuantity}", "quantity");
    }

    internal void SetQuantity(long quantity)
    {
        ValidateQuantity(quantity);
        Quantity = (int)quantity;
        TotalAmountCents = checked(UnitAmountCents * Quantity);
    }

    internal void Reprice(Sku sku, long unitAmountCents)
    {
        Name = sku.Name;
        ImageUrl = sku.ImageUrl;
        DoNotShip = sku.DoNotShip;
        UnitAmountCents = unitAmountCents;
        TotalAmountCents = checked(UnitAmountCents * Quantity);
    }
}
