using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Commerce.Api.GraphQL;
using Commerce.IntegrationTests.Infrastructure;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.IntegrationTests.GraphQL;

/// <summary>
/// The transport every GraphQL schema shares (src/Commerce.Api/GraphQL): bodies, limits, authentication, the error funnel.
/// Besides Magento's schema at /graphql, the fixture serves a second schema at /test/graphql the way another schema is added
/// (<see cref="GraphQLServiceCollectionExtensions.AddGraphQLEndpoint"/>): integrations only, Nosto's Basic header accepted,
/// and a field that fails as a bug would.
/// </summary>
public sealed class GraphQL_over_HTTP : ApiFixture
{
    private const string SecondPath = "/test/graphql";
    private const string CreateCart = "mutation { createEmptyCart }";

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["GraphQL:MaxDepth"] = "3",
        ["GraphQL:MaxBodyBytes"] = "4096",
    };

    protected override Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? Configure => builder => builder.ConfigureTestServices(services =>
        services.AddGraphQLEndpoint(new GraphQLEndpoint
        {
            Path = SecondPath,
            CreateSchema = _ => new SecondSchema(),
            Anonymous = AnonymousAccess.Refused,
            AcceptBasicToken = true,
            SdlFileName = "test.graphql",
        }));

    private GraphQLClient Magento => Factory.CreateGraphQLClient();

    [Test]
    public async Task An_anonymous_request_acts_as_the_public_sales_channel()
    {
        var response = (await Magento.SendAsync(CreateCart)).Ok();
        Assert.That(response.Data!["createEmptyCart"]!.GetValue<string>(), Has.Length.EqualTo(12));
        Assert.That(response.MediaType, Is.EqualTo("application/json"));
    }

    [Test]
    public async Task A_raw_application_graphql_body_is_the_query()
    {
        var response = (await Magento.PostAsync(CreateCart, "application/graphql")).Ok();
        Assert.That(response.Data!["createEmptyCart"]!.GetValue<string>(), Is.Not.Empty);
    }

    [Test]
    public async Task Variables_and_the_operation_name_are_used()
    {
        var cart = (await Magento.SendAsync(CreateCart)).Ok().Data!["createEmptyCart"]!.GetValue<string>();
        var response = (await Magento.SendAsync("query Other { customerCart { id } } query Mine($id: String!) { cart(cart_id: $id) { id } }",
            new { id = cart }, "Mine")).Ok();
        Assert.That(response.Data!["cart"]!["id"]!.GetValue<string>(), Is.EqualTo(cart));
    }

    [TestCase("not json at all", "application/json", TestName = "A_body_that_is_not_JSON_is_400")]
    [TestCase("[{\"query\":\"{ __typename }\"}]", "application/json", TestName = "A_batch_is_400")]
    [TestCase("{\"variables\":{}}", "application/json", TestName = "A_JSON_body_without_a_query_is_400")]
    [TestCase("{\"query\":42}", "application/json", TestName = "A_query_that_is_not_a_string_is_400")]
    [TestCase("{\"query\":\"{ __typename }\",\"variables\":[1]}", "application/json", TestName = "Variables_that_are_not_an_object_are_400")]
    [TestCase("\"{ __typename }\"", "application/json", TestName = "A_JSON_string_body_is_400")]
    [TestCase("   ", "application/graphql", TestName = "An_empty_application_graphql_body_is_400")]
    public async Task A_body_that_is_not_a_GraphQL_request_is_400(string body, string contentType)
    {
        var response = await Magento.PostAsync(body, contentType);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.ToString());
        Assert.That(response.Errors![0]!["extensions"]!["code"]!.GetValue<string>(), Is.EqualTo("BAD_REQUEST"));
        Assert.That(response.Data, Is.Null);
    }

    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    [TestCase(null)]
    public async Task Another_content_type_is_415(string? contentType)
    {
        var response = await Magento.PostAsync("{\"query\":\"mutation { createEmptyCart }\"}", contentType);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.UnsupportedMediaType), response.ToString());
        Assert.That(response.ErrorMessages.Single(), Does.Contain("application/json"));
    }

    [Test]
    public async Task A_body_over_the_cap_is_413_and_one_under_it_is_served()
    {
        var padding = new string(' ', 4096);
        var over = await Magento.PostAsync("{\"query\":\"mutation { createEmptyCart }\"" + padding + "}", "application/json");
        Assert.That(over.Status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), over.ToString());
        (await Magento.PostAsync("{\"query\":\"mutation { createEmptyCart }\"" + padding[..3000] + "}", "application/json")).Ok();
    }

    [Test]
    public async Task A_GET_is_405_with_Allow_POST()
    {
        var response = await Magento.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/graphql?query={__typename}"));
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.MethodNotAllowed), response.ToString());
        Assert.That(response.Errors, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_malformed_query_is_a_GraphQL_error_not_a_500()
    {
        var response = await Magento.SendAsync("mutation { createEmptyCart ");
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Errors![0]!["extensions"]!["code"]!.GetValue<string>(), Is.EqualTo("GRAPHQL_VALIDATION_FAILED"));
        Assert.That(response.Data, Is.Null);
    }

    [Test]
    public async Task An_unknown_field_is_a_validation_error_naming_it()
    {
        var response = await Magento.SendAsync("{ no_such_field }");
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.ErrorMessages.Single(), Does.Contain("no_such_field"));
    }

    [Test]
    public async Task A_query_deeper_than_the_cap_is_refused_and_one_within_it_is_served()
    {
        var cart = (await Magento.SendAsync(CreateCart)).Ok().Data!["createEmptyCart"]!.GetValue<string>();
        (await Magento.SendAsync("query($id: String!) { cart(cart_id: $id) { items { quantity } } }", new { id = cart })).Ok();
        var deep = await Magento.SendAsync("query($id: String!) { cart(cart_id: $id) { items { product { name } } } }", new { id = cart });
        Assert.That(deep.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(deep.Data, Is.Null, deep.ToString());
        Assert.That(deep.ErrorMessages.Single(), Does.Contain("depth").IgnoreCase);
    }

    [Test]
    public async Task Introspection_is_off_outside_development()
    {
        var response = await Magento.SendAsync("{ __schema { queryType { name } } }");
        Assert.That(response.Data, Is.Null, response.ToString());
        Assert.That(response.ErrorMessages.Single(), Does.Contain("introspection").IgnoreCase);
        // __typename is not introspection of the schema: it stays.
        (await Magento.SendAsync("{ __typename }")).Ok();
    }

    [Test]
    public async Task A_bad_token_is_401_with_WWW_Authenticate()
    {
        var client = Magento;
        client.Token = "not-a-token";
        var response = await client.SendAsync(CreateCart);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Unauthorized), response.ToString());
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
        Assert.That(response.Errors![0]!["extensions"]!["code"]!.GetValue<string>(), Is.EqualTo("UNAUTHORIZED"));
    }

    [Test]
    public async Task A_Basic_header_is_401_where_the_endpoint_does_not_take_it()
    {
        var token = await Factory.GetSalesChannelTokenAsync();
        var response = await Magento.PostAsync("{\"query\":\"mutation { createEmptyCart }\"}", "application/json",
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + token))));
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Unauthorized), response.ToString());
    }

    [Test]
    public async Task A_second_schema_at_its_own_path_refuses_anonymous_callers()
    {
        var response = await Factory.CreateGraphQLClient(SecondPath).SendAsync("{ whoami }");
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Unauthorized), response.ToString());
    }

    [Test]
    public async Task A_second_schema_takes_a_bearer_token_and_Nostos_Basic_header()
    {
        var token = await Factory.GetTokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = CommerceFactory.IntegrationId, ["client_secret"] = CommerceFactory.IntegrationSecret });
        var second = Factory.CreateGraphQLClient(SecondPath, token);
        Assert.That((await second.SendAsync("{ whoami }")).Ok().Data!["whoami"]!.GetValue<string>(), Is.EqualTo("integration"));

        var basic = await Factory.CreateGraphQLClient(SecondPath).PostAsync("{\"query\":\"{ whoami }\"}", "application/json",
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + token))));
        Assert.That(basic.Ok().Data!["whoami"]!.GetValue<string>(), Is.EqualTo("integration"));

        var wrong = await Factory.CreateGraphQLClient(SecondPath).PostAsync("{\"query\":\"{ whoami }\"}", "application/json",
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(":nope"))));
        Assert.That(wrong.Status, Is.EqualTo(HttpStatusCode.Unauthorized), wrong.ToString());
    }

    [Test]
    public async Task A_failing_resolver_answers_an_internal_error_with_the_request_id_and_no_internals()
    {
        var token = await Factory.GetTokenAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = CommerceFactory.IntegrationId, ["client_secret"] = CommerceFactory.IntegrationSecret });
        var response = await Factory.CreateGraphQLClient(SecondPath, token).SendAsync("{ whoami broken }");
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Data!["whoami"]!.GetValue<string>(), Is.EqualTo("integration"), "the other fields still answer");
        var error = response.Errors!.Single()!;
        Assert.That(error["extensions"]!["code"]!.GetValue<string>(), Is.EqualTo("INTERNAL_SERVER_ERROR"));
        Assert.That(error["extensions"]!["request_id"]!.GetValue<string>(), Is.Not.Empty);
        Assert.That(response.ToString(), Does.Not.Contain(SecondSchema.Secret).And.Not.Contain("InvalidOperationException").And.Not.Contain("at Commerce"));
    }

    private sealed class SecondSchema : Schema
    {
        public const string Secret = "connection string with password=hunter2";

        public SecondSchema()
        {
            var query = new ObjectGraphType { Name = "Query" };
            query.Field<StringGraphType>("whoami").Resolve(c => c.User!.FindFirst(Commerce.Api.Authentication.Caller.KindClaim)?.Value);
            query.Field<StringGraphType>("broken").Resolve(_ => throw new InvalidOperationException(Secret));
            Query = query;
        }
    }
}
