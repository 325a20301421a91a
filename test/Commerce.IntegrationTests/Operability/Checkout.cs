using System.Net;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.Operability;

/// <summary>Builds a placeable order over the API with the demo catalog, as a checkout page does.</summary>
public static class Checkout
{
    /// <summary>An order with a line item, an address, the Standard shipping, the EUR test gateway and a payment source with <paramref name="token"/>; its id.</summary>
    public static async Task<string> PendingOrderAsync(JsonApiClient api, string token)
    {
        var order = Ok(await api.PostAsync("orders", Document("orders", new { currency_code = "EUR", language_code = "it", customer_email = "john@example.com" })));
        Ok(await api.PostAsync("line_items", Document("line_items", new { sku_code = DemoSkus.Hoodie, quantity = 1 },
            new { order = ToOne("orders", order.Id) })));
        var address = Ok(await api.PostAsync("addresses", Document("addresses", new
        {
            first_name = "John", last_name = "Smith", line_1 = "Via Roma 1", city = "Milano", zip_code = "20100", country_code = "IT", phone = "+39 02 1234567",
        })));
        var shipping = Ok(await api.GetAsync("shipping_methods?filter[q][name_eq]=Standard")).Data[0]!["id"]!.GetValue<string>();
        var payment = Ok(await api.GetAsync("payment_methods?filter[q][currency_code_eq]=EUR&filter[q][gateway_eq]=test")).Data[0]!["id"]!.GetValue<string>();
        Ok(await api.PatchAsync($"orders/{order.Id}", Document("orders", new { _shipping_address_same_as_billing = true }, new
        {
            billing_address = ToOne("addresses", address.Id),
            shipping_method = ToOne("shipping_methods", shipping),
            payment_method = ToOne("payment_methods", payment),
        }, order.Id)));
        Ok(await api.PostAsync("external_payments", Document("external_payments", new { payment_source_token = token },
            new { order = ToOne("orders", order.Id) })));
        return order.Id;
    }

    public static Task<ApiResponse> PlaceAsync(JsonApiClient api, string orderId) =>
        api.PatchAsync($"orders/{orderId}", Document("orders", new { _place = true }, id: orderId));

    private static ApiResponse Ok(ApiResponse response)
    {
        if (response.Status is not (HttpStatusCode.OK or HttpStatusCode.Created))
            throw new InvalidOperationException("checkout step failed: " + response);
        return response;
    }
}
