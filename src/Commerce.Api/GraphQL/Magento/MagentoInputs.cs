using GraphQL.Types;

namespace Commerce.Api.GraphQL.Magento;

// Magento's input types, by their Magento names; resolvers read them as dictionaries (MagentoSchema's helpers).

internal sealed class CreateEmptyCartInputType : InputObjectGraphType
{
    public CreateEmptyCartInputType()
    {
        Name = "createEmptyCartInput";
        Field<StringGraphType>("cart_id").Description("Not supported: the service assigns cart ids (an error when given).");
    }
}

internal sealed class CreateGuestCartInputType : InputObjectGraphType
{
    public CreateGuestCartInputType()
    {
        Name = "CreateGuestCartInput";
        Field<StringGraphType>("cart_uid").Description("Not supported: the service assigns cart ids (an error when given).");
    }
}

internal sealed class CartItemInputType : InputObjectGraphType
{
    public CartItemInputType()
    {
        Name = "CartItemInput";
        Field<NonNullGraphType<StringGraphType>>("sku");
        Field<NonNullGraphType<FloatGraphType>>("quantity");
        Field<StringGraphType>("parent_sku").Description("Accepted, not used: every product is simple here.");
        Field<ListGraphType<IdGraphType>>("selected_options").Description("Accepted; options are not supported (an error when not empty).");
        Field<ListGraphType<EnteredOptionInputType>>("entered_options").Description("Accepted; options are not supported (an error when not empty).");
    }
}

internal sealed class EnteredOptionInputType : InputObjectGraphType
{
    public EnteredOptionInputType()
    {
        Name = "EnteredOptionInput";
        Field<NonNullGraphType<IdGraphType>>("uid");
        Field<NonNullGraphType<StringGraphType>>("value");
    }
}

internal sealed class SimpleProductCartItemInputType : InputObjectGraphType
{
    public SimpleProductCartItemInputType()
    {
        Name = "SimpleProductCartItemInput";
        Field<NonNullGraphType<CartItemInputType>>("data");
    }
}

internal sealed class AddSimpleProductsToCartInputType : InputObjectGraphType
{
    public AddSimpleProductsToCartInputType()
    {
        Name = "AddSimpleProductsToCartInput";
        Field<NonNullGraphType<StringGraphType>>("cart_id");
        Field<NonNullGraphType<ListGraphType<SimpleProductCartItemInputType>>>("cart_items");
    }
}

internal sealed class CartItemUpdateInputType : InputObjectGraphType
{
    public CartItemUpdateInputType()
    {
        Name = "CartItemUpdateInput";
        Field<IdGraphType>("cart_item_uid");
        Field<IntGraphType>("cart_item_id").Description("Deprecated by Magento: use cart_item_uid.");
        Field<FloatGraphType>("quantity");
    }
}

internal sealed class UpdateCartItemsInputType : InputObjectGraphType
{
    public UpdateCartItemsInputType()
    {
        Name = "UpdateCartItemsInput";
        Field<NonNullGraphType<StringGraphType>>("cart_id");
        Field<NonNullGraphType<ListGraphType<CartItemUpdateInputType>>>("cart_items");
    }
}

internal sealed class RemoveItemFromCartInputType : InputObjectGraphType
{
    public RemoveItemFromCartInputType()
    {
        Name = "RemoveItemFromCartInput";
        Field<NonNullGraphType<StringGraphType>>("cart_id");
        Field<IdGraphType>("cart_item_uid");
    }
}

internal sealed class SetGuestEmailOnCartInputType : InputObjectGraphType
{
    public SetGuestEmailOnCartInputType()
    {
        Name = "SetGuestEmailOnCartInput";
        Field<NonNullGraphType<StringGraphType>>("cart_id");
        Field<NonNullGraphType<StringGraphType>>("email");
    }
}

internal sealed class CartAddressInputType : InputObjectGraphType
{
    public CartAddressInputType()
    {
        Name = "CartAddressInput";
        Field<NonNullGraphType<StringGraphType>>("firstname");
        Field<NonNullGraphType<StringGraphType>>("lastname");
        Field<StringGraphType>("company");
        Field<NonNullGraphType<ListGraphType<StringGraphType>>>("street");
        Field<NonNullGraphType<StringGraphType>>("city");
        Field<StringGraphType>("region").Description("The state or region code (state_code).");
        Field<IntGraphType>("region_id").Description("Accepted, not used: regions are codes here.");
        Field<StringGraphType>("postcode");
        Field<NonNullGraphType<StringGraphType>>("country_code");
        Field<StringGraphType>("telephone");
        Field<BooleanGraphType>("save_in_address_book").Description("Accepted, not used: carts keep their own addresses.");
    }
}

internal sealed class ShippingAddressInputType : InputObjectGraphType
{
    public ShippingAddressInputType()
    {
        Name = "ShippingAddressInput";
        Field<CartAddressInputType>("address");
        Field<IntGraphType>("customer_address_id").Description("Not supported (an error when given): send address.");
        Field<StringGraphType>("customer_notes").Description("Not supported (an error when given).");
    }
}

internal sealed class SetShippingAddressesOnCartInputType : InputObjectGraphType
{
    public SetShippingAddressesOnCartInputType()
    {
        Name = "SetShippingAddressesOnCartInput";
        Field<NonNullGraphType<StringGraphType>>("cart_id");
        Field<NonNullGraphType<ListGraphType<ShippingAddressInputType>>>("shipping_addresses");
    }
}

internal sealed class BillingAddressInputType : InputObjectGraphType
{
    public BillingAddressInputType()
    {
        Name = "BillingAddressInput";
        Field<CartAddressInputType>("address");
        Field<IntGraphType>("customer_address_id").Description("Not supported (an error when given): send address.");
        Field<BooleanGraphType>("same_as_shipping").Description("Copy the shipping address (set it first).");
        Field<BooleanGraphType>("use_for_shipping").Description("Also ship to this address.");
    }
}

internal sealed class SetBillingAddressOnCartInputType : InputObjectGraphType
{
    public SetBillingAddressOnCartInputType()
    {
        Name = "SetBillingAddressOnCartInput";
        Field<NonNullGraphType<StringGraphType>>("cart_id");
        Field<NonNullGraphType<BillingAddressInputType>>("billing_address");
    }
}

internal sealed class ShippingMethodInputType : InputObjectGraphType
{
    public ShippingMethodInputType()
    {
        Name = "ShippingMethodInput";
        Field<NonNullGraphType<StringGraphType>>("carrier_code").Description("The shipping method's id.");
        Field<NonNullGraphType<StringGraphType>>("method_code").Description("The shipping method's id.");
    }
}

internal sealed class SetShippingMethodsOnCartInputType : InputObjectGraphType
{
    public SetShippingMethodsOnCartInputType()
    {
        Name = "SetShippingMethodsOnCartInput";
        Field<NonNullGraphType<StringGraphType>>("cart_id");
        Field<NonNullGraphType<ListGraphType<ShippingMethodInputType>>>("shipping_methods");
    }
}

internal sealed class PaymentMethodInputType : InputObjectGraphType
{
    public PaymentMethodInputType()
    {
        Name = "PaymentMethodInput";
        Field<NonNullGraphType<StringGraphType>>("code").Description("The payment method's id (available_payment_methods.code).");
        Field<StringGraphType>("purchase_order_number").Description("Accepted, not used.");
        Field<StringGraphType>("payment_source_token").Description("Not Magento's: the card token an external payment method needs (a wire transfer needs none).");
    }
}

internal sealed class SetPaymentMethodOnCartInputType : InputObjectGraphType
{
    public SetPaymentMethodOnCartInputType()
    {
        Name = "SetPaymentMethodOnCartInput";
        Field<NonNullGraphType<StringGraphType>>("cart_id");
        Field<NonNullGraphType<PaymentMethodInputType>>("payment_method");
    }
}

internal sealed class ApplyCouponToCartInputType : InputObjectGraphType
{
    public ApplyCouponToCartInputType()
    {
        Name = "ApplyCouponToCartInput";
        Field<NonNullGraphType<StringGraphType>>("cart_id");
        Field<NonNullGraphType<StringGraphType>>("coupon_code");
    }
}

internal sealed class RemoveCouponFromCartInputType : InputObjectGraphType
{
    public RemoveCouponFromCartInputType()
    {
        Name = "RemoveCouponFromCartInput";
        Field<NonNullGraphType<StringGraphType>>("cart_id");
    }
}

internal sealed class ApplyGiftCardToCartInputType : InputObjectGraphType
{
    public ApplyGiftCardToCartInputType()
    {
        Name = "ApplyGiftCardToCartInput";
        Field<NonNullGraphType<StringGraphType>>("cart_id");
        Field<NonNullGraphType<StringGraphType>>("gift_card_code");
    }
}

internal sealed class RemoveGiftCardFromCartInputType : InputObjectGraphType
{
    public RemoveGiftCardFromCartInputType()
    {
        Name = "RemoveGiftCardFromCartInput";
        Field<NonNullGraphType<StringGraphType>>("cart_id");
        Field<NonNullGraphType<StringGraphType>>("gift_card_code");
    }
}

internal sealed class PlaceOrderInputType : InputObjectGraphType
{
    public PlaceOrderInputType()
    {
        Name = "PlaceOrderInput";
        Field<NonNullGraphType<StringGraphType>>("cart_id");
    }
}
