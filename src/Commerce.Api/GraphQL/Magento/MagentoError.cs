namespace Commerce.Api.GraphQL.Magento;

/// <summary>
/// An error as Magento words it: the message, and <c>extensions.category</c> (<c>graphql-input</c>,
/// <c>graphql-authorization</c>, <c>graphql-no-such-entity</c>, <c>graphql-authentication</c>), as Magento's clients read them.
/// <see cref="PlaceOrderCode"/> is the code <c>placeOrder</c> also lists the error under in its own <c>errors</c>.
/// </summary>
internal sealed class MagentoError(string message, string category, string placeOrderCode = MagentoError.Undefined)
    : GraphQLClientError(message, extensions: new Dictionary<string, object?> { ["category"] = category })
{
    public const string Input = "graphql-input";
    public const string Authorization = "graphql-authorization";
    public const string Authentication = "graphql-authentication";
    public const string NoSuchEntity = "graphql-no-such-entity";

    // placeOrder's error codes (Magento's PlaceOrderErrorCodes)
    public const string Undefined = "UNDEFINED";
    public const string CartNotFound = "CART_NOT_FOUND";
    public const string CartNotActive = "CART_NOT_ACTIVE";
    public const string GuestEmailMissing = "GUEST_EMAIL_MISSING";
    public const string UnableToPlaceOrder = "UNABLE_TO_PLACE_ORDER";

    public string Category { get; } = category;
    public string PlaceOrderCode { get; } = placeOrderCode;

    public static MagentoError CartIdMissing() => new("Required parameter \"cart_id\" is missing", Input);
    public static MagentoError CartNotFoundError(string cartId) => new($"Could not find a cart with ID \"{cartId}\"", NoSuchEntity, CartNotFound);
    public static MagentoError NotYourCart(string cartId) => new($"The current user cannot perform operations on cart \"{cartId}\"", Authorization);
    public static MagentoError CartNotActiveError() => new("The cart isn't active.", NoSuchEntity, CartNotActive);
    public static MagentoError UnableToPlace(string reason) => new("Unable to place order: " + reason, Input, UnableToPlaceOrder);
}
