using Commerce.Domain.Catalog;

namespace Commerce.Domain.Orders;

/// <summary>One line of a sale recorded from elsewhere: the SKU, the unit amount it sold at (minor units), how many.</summary>
public sealed record RecordedLine(Sku Sku, long UnitAmountCents, int Quantity);

/// <summary>
/// What <see cref="Order.Record"/> writes into a recorded order: its lines, the customer's email and linked customer, its
/// payment status and whether it was cancelled, and metadata: <see cref="ReplacedMetadataKeys"/> are removed first (what an
/// earlier recording said and this one does not), then <see cref="Metadata"/> is written.
/// </summary>
public sealed record RecordedSale(
    IReadOnlyList<RecordedLine> Lines,
    string? CustomerEmail,
    Customer? Customer,
    string PaymentStatus,
    bool Cancelled,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyCollection<string> ReplacedMetadataKeys);
