using System.Net;
using System.Text.Json.Nodes;
using Commerce.IntegrationTests.Infrastructure;

namespace Commerce.IntegrationTests.OpenApi;

/// <summary>Real answers validate against the schemas the served OpenAPI document declares for them (OpenAPI 3.0.3 semantics).</summary>
public sealed class Responses_match_the_document : ApiFixture
{
    private OpenApi30Validator _validator = null!;
    private string _order = null!;

    [OneTimeSetUp]
    public async Task ReadTheDocumentAndMakeAnEmptyOrder()
    {
        using var http = Factory.CreateClient();
        _validator = new OpenApi30Validator(JsonNode.Parse(await http.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative)))!);
        var order = await Api.PostAsync("orders", Document("orders", new { currency_code = "EUR" }));
        Assert.That(order.Status, Is.EqualTo(HttpStatusCode.Created), order.ToString());
        _order = order.Id;
    }

    [TestCase("orders/{order}?include=billing_address,shipping_address,shipping_method,payment_method,payment_source,customer", "/api/orders/{id}")]
    [TestCase("orders/{order}/billing_address", "/api/orders/{id}/billing_address")]
    [TestCase("orders/{order}/customer", "/api/orders/{id}/customer")]
    [TestCase("orders/{order}/payment_source", "/api/orders/{id}/payment_source")]
    [TestCase("orders/{order}/relationships/shipping_address", "/api/orders/{id}/relationships/shipping_address")]
    [TestCase("orders/{order}/relationships/payment_source", "/api/orders/{id}/relationships/payment_source")]
    [TestCase("orders?include=billing_address,payment_source&sort=-created_at&page[size]=1", "/api/orders")]
    public async Task Empty_to_one_relationships_are_null_as_the_document_allows(string url, string operation)
    {
        var response = await Api.GetAsync(url.Replace("{order}", _order, StringComparison.Ordinal));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Body!.ToJsonString(), Does.Contain("\"data\":null"), "the answer has an empty to-one relationship");
        Assert.That(_validator.Validate(_validator.ResponseSchema(operation, "get"), response.Body), Is.Empty);
    }
}
