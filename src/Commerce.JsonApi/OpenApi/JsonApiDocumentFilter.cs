using System.Globalization;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Http;
using Commerce.JsonApi.Queries;
using Commerce.JsonApi.Resources;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using static Commerce.JsonApi.OpenApi.JsonApiSchemas;

namespace Commerce.JsonApi.OpenApi;

/// <summary>
/// Describes every JSON:API endpoint from the <see cref="ResourceGraph"/>: paths and operations (list, get,
/// create, update, delete, related resources, relationship linkage), the document schemas of each resource
/// (attributes by capability, relationships with their target types, trigger attributes as write-only
/// members), the query parameters each operation accepts, and the error responses. The generic endpoints
/// are excluded from ApiExplorer: this filter is their only description. Hosts add their own notes (roles,
/// authentication) with filters that run after this one; <see cref="OperationId"/> names the operations.
/// </summary>
public sealed class JsonApiDocumentFilter(ResourceGraph graph) : IDocumentFilter
{
    /// <summary>Component names of the error responses, by HTTP status.</summary>
    public static readonly IReadOnlyDictionary<int, string> ErrorResponses = new Dictionary<int, string>
    {
        [400] = "bad_request",
        [401] = "unauthorized",
        [403] = "forbidden",
        [404] = "not_found",
        [406] = "not_acceptable",
        [409] = "conflict",
        [413] = "payload_too_large",
        [415] = "unsupported_media_type",
        [422] = "unprocessable_entity",
        [429] = "too_many_requests",
        [500] = "internal_server_error",
        [502] = "bad_gateway",
    };

    public const string ErrorDocument = "error_document";

    public static string OperationId(ResourceOperation operation, string type) => $"{operation.ToString().ToLowerInvariant()}_{type}";

    public static string RelatedOperationId(string type, string relationship) => $"get_{type}_{relationship}";

    public static string RelationshipOperationId(string type, string relationship) => $"get_{type}_relationships_{relationship}";

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var document = swaggerDoc;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        document.Components.Responses ??= new Dictionary<string, IOpenApiResponse>(StringComparer.Ordinal);
        document.Paths ??= [];
        var builder = new Builder(graph, document);
        builder.AddCommon();
        foreach (var resource in graph.Resources.OrderBy(r => r.PublicName, StringComparer.Ordinal))
            builder.AddResource(resource);
    }

    private sealed class Builder(ResourceGraph graph, OpenApiDocument document)
    {
        private IDictionary<string, IOpenApiSchema> Schemas => document.Components!.Schemas!;

        private OpenApiSchemaReference Ref(string id) => new(id, document);

        private void Add(string id, OpenApiSchema schema) => Schemas[id] = schema;

        public void AddCommon()
        {
            Add("jsonapi", Object([("version", Constant(["1.1"]))], description: "The JSON:API version."));
            Add("resource_links", Object([("self", String("The resource's URL."))], ["self"]));
            Add("relationship_links", Object([("self", String("The relationship linkage URL.")), ("related", String("The related resources' URL."))], ["self", "related"]));
            Add("document_links", Object([("self", String()), ("first", String()), ("prev", String()), ("next", String()), ("last", String())], ["self"],
                "self, and on lists first, last and (where they exist) prev and next."));
            Add("list_meta", Object([("record_count", ForType(typeof(int))), ("page_count", ForType(typeof(int)))], ["record_count", "page_count"]));
            Add("error_source", Object([
                ("pointer", String("RFC 6901 JSON pointer into the request document.")),
                ("parameter", String("The query parameter at fault.")),
                ("header", String("The request header at fault."))],
                description: "Where the error comes from: one of pointer, parameter or header."));
            Add("error", Object([
                ("status", String("The HTTP status, as a string.")),
                ("code", String("One of " + string.Join(", ", typeof(ErrorCodes).GetFields().Select(f => f.GetValue(null)).OfType<string>()) + " (hosts add their own).")),
                ("title", String()),
                ("detail", String()),
                ("source", Ref("error_source")),
                ("meta", new OpenApiSchema { Type = JsonSchemaType.Object, Description = "More about the error where useful." })],
                ["status", "code", "title", "detail"]));
            Add(ErrorDocument, Object([("errors", new OpenApiSchema { Type = JsonSchemaType.Array, Items = Ref("error") }), ("jsonapi", Ref("jsonapi"))], ["errors"],
                "Every non-2xx response."));

            foreach (var (status, name) in ErrorResponses)
            {
                document.Components!.Responses![name] = new OpenApiResponse
                {
                    Description = ErrorDescription(status),
                    Content = JsonApiContent(Ref(ErrorDocument)),
                };
            }

            Add("resource", Object([
                ("id", String()), ("type", String()), ("links", Ref("resource_links")),
                ("attributes", new OpenApiSchema { Type = JsonSchemaType.Object }), ("relationships", new OpenApiSchema { Type = JsonSchemaType.Object })],
                ["id", "type"], "A resource of one of the included types; its type's schema is <type>_resource."));
        }

        private static string ErrorDescription(int status) => status switch
        {
            400 => "Bad request: an unknown or invalid query parameter (source.parameter), or a body that is not a JSON:API document.",
            401 => "Unauthorized: the bearer token is missing, bad or expired.",
            403 => "Forbidden: the caller may not do this, or the operation is not offered.",
            404 => "Not found: the resource, or a related resource named in the document (source.pointer), does not exist.",
            406 => "Not acceptable: the Accept header allows no JSON:API response.",
            409 => "Conflict: a type or id that does not match the URL, or a concurrent change.",
            413 => "Payload too large.",
            415 => "Unsupported media type: bodies must be application/vnd.api+json without extensions.",
            422 => "Unprocessable entity: every invalid field, each with its source.pointer.",
            429 => "Too many requests: see the Retry-After header.",
            500 => "Internal server error.",
            502 => "Bad gateway: an upstream service failed; the request may be retried.",
            _ => ((System.Net.HttpStatusCode)status).ToString(),
        };

        public static Dictionary<string, IOpenApiMediaType> JsonApiContent(IOpenApiSchema schema) =>
            new(StringComparer.Ordinal) { [MediaTypes.JsonApi] = new OpenApiMediaType { Schema = schema } };

        private static string IdentifierName(IReadOnlyList<string> types) => string.Join("_or_", types) + "_identifier";

        private string Identifier(IReadOnlyList<string> types)
        {
            var name = IdentifierName(types);
            if (!Schemas.ContainsKey(name))
                Add(name, Object([("type", Constant(types)), ("id", String())], ["type", "id"],
                    types.Count > 1 ? $"A resource identifier of one of: {string.Join(", ", types)}." : null));
            return name;
        }

        private IOpenApiSchema Linkage(RelationshipDefinition relationship)
        {
            var identifier = Ref(Identifier(relationship.TargetTypes));
            return relationship.Kind == RelationshipKind.ToOne
                ? NullableRef(identifier)
                : new OpenApiSchema { Type = JsonSchemaType.Array, Items = identifier };
        }

        private static string Suffix(RelationshipDefinition relationship) =>
            string.Join("_or_", relationship.TargetTypes) + (relationship.Kind == RelationshipKind.ToOne ? "_to_one" : "_to_many");

        /// <summary>The relationship object of a response: links, and data when the relationship was included.</summary>
        private string ResponseRelationship(RelationshipDefinition relationship)
        {
            var name = Suffix(relationship) + "_relationship";
            if (!Schemas.ContainsKey(name))
                Add(name, Object([("links", Ref("relationship_links")), ("data", Linkage(relationship))], ["links"],
                    "data is present when the relationship was included."));
            return name;
        }

        /// <summary>The relationship object of a request: data only.</summary>
        private string RequestRelationship(RelationshipDefinition relationship)
        {
            var name = Suffix(relationship) + "_linkage";
            if (!Schemas.ContainsKey(name))
                Add(name, Object([("data", Linkage(relationship))], ["data"]));
            return name;
        }

        private static string RelationshipDescription(RelationshipDefinition relationship)
        {
            var text = (relationship.Kind == RelationshipKind.ToOne ? "To-one" : "To-many") + " relationship to "
                + string.Join(" or ", relationship.TargetTypes) + (relationship.IsPolymorphic ? " (polymorphic)." : ".");
            if (!relationship.IsNavigation)
                text += " Computed by the server: it can be included only as the last segment of an include path.";
            return relationship.Description is null ? text : $"{relationship.Description} {text}";
        }

        public void AddResource(ResourceDefinition resource)
        {
            var type = resource.PublicName;
            Identifier([type]);
            Add($"{type}_attributes", Object(
                resource.Attributes.Where(a => a.Allows(Can.Read)).Select(a => (a.Name, (IOpenApiSchema)ForAttribute(a))),
                description: $"What comes back: the readable attributes of {type}."));
            if (resource.Relationships.Count > 0)
            {
                Add($"{type}_relationships", Object(
                    resource.Relationships.Select(r => (r.Name, (IOpenApiSchema)new OpenApiSchema { AllOf = [Ref(ResponseRelationship(r))], Description = RelationshipDescription(r) })),
                    description: $"Every relationship of {type}, with its links."));
            }
            var resourceProperties = new List<(string, IOpenApiSchema)>
            {
                ("id", String()), ("type", Constant([type])), ("links", Ref("resource_links")), ("attributes", Ref($"{type}_attributes")),
            };
            if (resource.Relationships.Count > 0)
                resourceProperties.Add(("relationships", Ref($"{type}_relationships")));
            Add($"{type}_resource", Object(resourceProperties, ["id", "type"], resource.Description));

            Add($"{type}_document", Object([
                ("data", Ref($"{type}_resource")), ("included", Included()), ("links", Ref("document_links")), ("jsonapi", Ref("jsonapi"))], ["data"]));
            Add($"{type}_list_document", Object([
                ("data", new OpenApiSchema { Type = JsonSchemaType.Array, Items = Ref($"{type}_resource") }), ("included", Included()),
                ("links", Ref("document_links")), ("meta", Ref("list_meta")), ("jsonapi", Ref("jsonapi"))], ["data"]));

            if (resource.Operations.HasFlag(ResourceOperations.Create))
                AddWriteSchemas(resource, WriteOperation.Create);
            if (resource.Operations.HasFlag(ResourceOperations.Update))
                AddWriteSchemas(resource, WriteOperation.Update);

            AddPaths(resource);
        }

        private OpenApiSchema Included() => new()
        {
            Type = JsonSchemaType.Array,
            Items = Ref("resource"),
            Description = "The resources asked for with include, each once.",
        };

        private void AddWriteSchemas(ResourceDefinition resource, WriteOperation operation)
        {
            var type = resource.PublicName;
            var create = operation == WriteOperation.Create;
            var verb = create ? "create" : "update";
            var capability = create ? Can.Create : Can.Change;
            var attributes = resource.Attributes.Where(a => a.Allows(capability))
                .Select(a =>
                {
                    var schema = ForAttribute(a);
                    if (!a.Allows(Can.Read))
                    {
                        schema.WriteOnly = true;
                        schema.Description = ((schema.Description ?? "") + " Write-only: never returned.").Trim();
                    }
                    return (a.Name, (IOpenApiSchema)schema);
                })
                .Concat(resource.Triggers.Where(t => !create || t.OnCreate).Select(t =>
                {
                    var schema = ForType(t.ValueType);
                    schema.WriteOnly = true;
                    schema.Description = $"Trigger (write-only command, never returned): {t.Description}";
                    return (t.Name, (IOpenApiSchema)schema);
                }))
                .ToList();
            Add($"{type}_{verb}_attributes", Object(attributes, description: create
                ? $"What may be sent when creating {type}. Members not sent take their defaults."
                : $"What may be sent when updating {type}. A member not sent is kept; a member sent as null is cleared."));

            var relationships = resource.Relationships.Where(r => r.Allows(capability)).ToList();
            var dataProperties = new List<(string, IOpenApiSchema)> { ("type", Constant([type])) };
            if (!create)
                dataProperties.Add(("id", String("Must match the id in the URL.")));
            dataProperties.Add(("attributes", Ref($"{type}_{verb}_attributes")));
            if (relationships.Count > 0)
            {
                Add($"{type}_{verb}_relationships", Object(relationships.Select(r =>
                    (r.Name, (IOpenApiSchema)new OpenApiSchema { AllOf = [Ref(RequestRelationship(r))], Description = RelationshipDescription(r) }))));
                dataProperties.Add(("relationships", Ref($"{type}_{verb}_relationships")));
            }
            Add($"{type}_{verb}_data", Object(dataProperties, create ? ["type"] : ["type", "id"],
                create ? "Client-generated ids are refused (403)." : null));
            Add($"{type}_{verb}_document", Object([("data", Ref($"{type}_{verb}_data"))], ["data"]));
        }

        private void AddPaths(ResourceDefinition resource)
        {
            var type = resource.PublicName;
            var basePath = graph.Options.BasePath;
            var tag = new OpenApiTagReference(type, document);
            document.Tags ??= new HashSet<OpenApiTag>();
            document.Tags.Add(new OpenApiTag { Name = type, Description = resource.Description });

            var collection = new OpenApiPathItem { Operations = [] };
            var single = new OpenApiPathItem { Operations = [] };
            if (resource.Operations.HasFlag(ResourceOperations.List))
            {
                collection.Operations[HttpMethod.Get] = Operation(OperationId(ResourceOperation.List, type), tag, $"List {type}",
                    [.. IncludeAndFields(resource), .. ListParameters(resource)], null, 200, $"{type}_list_document", [400, 403, 406, 500]);
            }
            if (resource.Operations.HasFlag(ResourceOperations.Create))
            {
                collection.Operations[HttpMethod.Post] = Operation(OperationId(ResourceOperation.Create, type), tag, $"Create one of {type}",
                    [.. IncludeAndFields(resource)], $"{type}_create_document", 201, $"{type}_document", [400, 403, 404, 406, 409, 413, 415, 422, 500]);
            }
            if (resource.Operations.HasFlag(ResourceOperations.Get))
            {
                single.Operations[HttpMethod.Get] = Operation(OperationId(ResourceOperation.Get, type), tag, $"Get one of {type}",
                    [IdParameter(), .. IncludeAndFields(resource)], null, 200, $"{type}_document", [400, 403, 404, 406, 500]);
            }
            if (resource.Operations.HasFlag(ResourceOperations.Update))
            {
                single.Operations[HttpMethod.Patch] = Operation(OperationId(ResourceOperation.Update, type), tag, $"Update one of {type}",
                    [IdParameter(), .. IncludeAndFields(resource)], $"{type}_update_document", 200, $"{type}_document", [400, 403, 404, 406, 409, 413, 415, 422, 500]);
            }
            if (resource.Operations.HasFlag(ResourceOperations.Delete))
            {
                single.Operations[HttpMethod.Delete] = Operation(OperationId(ResourceOperation.Delete, type), tag, $"Delete one of {type}",
                    [IdParameter()], null, 204, null, [400, 403, 404, 406, 409, 422, 500]);
            }
            if (resource.SingletonPath is { } singleton)
            {
                document.Paths[$"{basePath}/{singleton}"] = new OpenApiPathItem
                {
                    Operations = new()
                    {
                        [HttpMethod.Get] = Operation(OperationId(ResourceOperation.Get, type), tag, $"Get the {type} singleton",
                            [.. IncludeAndFields(resource)], null, 200, $"{type}_document", [400, 403, 404, 406, 500]),
                    },
                };
            }
            if (collection.Operations.Count > 0)
                document.Paths[$"{basePath}/{type}"] = collection;
            if (single.Operations.Count > 0)
                document.Paths[$"{basePath}/{type}/{{id}}"] = single;

            foreach (var relationship in resource.Relationships)
                AddRelationshipPaths(resource, relationship, tag);
        }

        private void AddRelationshipPaths(ResourceDefinition resource, RelationshipDefinition relationship, OpenApiTagReference tag)
        {
            var type = resource.PublicName;
            var name = relationship.Name;
            var basePath = graph.Options.BasePath;
            var isList = relationship.Kind == RelationshipKind.ToMany && relationship.InverseForeignKey is not null && !relationship.IsPolymorphic;
            var target = graph.Get(relationship.TargetTypes[0]);

            string responseSchema;
            if (relationship.Kind == RelationshipKind.ToMany)
                responseSchema = $"{target.PublicName}_list_document";
            else
            {
                responseSchema = $"{type}_{name}_related_document";
                var data = relationship.IsPolymorphic
                    ? NullableOneOf(relationship.TargetTypes.Select(t => (IOpenApiSchema)Ref($"{t}_resource")))
                    : NullableRef(Ref($"{target.PublicName}_resource"));
                Add(responseSchema, Object([("data", data), ("included", Included()), ("links", Ref("document_links")), ("jsonapi", Ref("jsonapi"))], ["data"],
                    "data is null when the relationship is empty."));
            }
            var related = new List<IOpenApiParameter> { IdParameter() };
            if (relationship.IsNavigation)
                related.AddRange(IncludeAndFields(target));
            else
                related.AddRange(Fields([target]));
            if (isList)
                related.AddRange(ListParameters(target));
            document.Paths[$"{basePath}/{type}/{{id}}/{name}"] = new OpenApiPathItem
            {
                Operations = new()
                {
                    [HttpMethod.Get] = Operation(RelatedOperationId(type, name), tag, $"The {name} of one of {type}", related, null, 200, responseSchema,
                        [400, 403, 404, 406, 500], RelationshipDescription(relationship)),
                },
            };

            var linkageSchema = $"{Suffix(relationship)}_linkage_document";
            if (!Schemas.ContainsKey(linkageSchema))
            {
                Add(linkageSchema, Object([
                    ("data", Linkage(relationship)), ("links", Ref("relationship_links")), ("meta", Ref("list_meta")), ("jsonapi", Ref("jsonapi"))], ["data"],
                    "Relationship linkage; meta on paged lists."));
            }
            var linkageParameters = new List<IOpenApiParameter> { IdParameter() };
            if (isList)
                linkageParameters.AddRange(ListParameters(target));
            document.Paths[$"{basePath}/{type}/{{id}}/relationships/{name}"] = new OpenApiPathItem
            {
                Operations = new()
                {
                    [HttpMethod.Get] = Operation(RelationshipOperationId(type, name), tag, $"The {name} linkage of one of {type}", linkageParameters, null, 200,
                        linkageSchema, [400, 403, 404, 406, 500],
                        RelationshipDescription(relationship) + $" Relationship endpoints are read-only (PATCH, POST and DELETE answer 403): change {name} with PATCH {basePath}/{type}/{{id}}."),
                },
            };
        }

        private OpenApiOperation Operation(string id, OpenApiTagReference tag, string summary, IList<IOpenApiParameter> parameters, string? requestSchema,
            int status, string? responseSchema, int[] errors, string? description = null)
        {
            var operation = new OpenApiOperation
            {
                OperationId = id,
                Summary = summary,
                Description = description,
                Tags = new HashSet<OpenApiTagReference> { tag },
                Parameters = parameters,
                Responses = [],
            };
            if (requestSchema is not null)
                operation.RequestBody = new OpenApiRequestBody { Required = true, Content = JsonApiContent(Ref(requestSchema)) };
            var success = new OpenApiResponse { Description = status switch { 201 => "Created", 204 => "No content", _ => "OK" } };
            if (responseSchema is not null)
                success.Content = JsonApiContent(Ref(responseSchema));
            if (status == 201)
            {
                success.Headers = new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal)
                {
                    ["Location"] = new OpenApiHeader { Description = "The new resource's URL.", Schema = String() },
                };
            }
            operation.Responses[status.ToString(CultureInfo.InvariantCulture)] = success;
            foreach (var error in errors)
                AddError(operation, error);
            return operation;
        }

        public void AddError(OpenApiOperation operation, int status) =>
            operation.Responses![status.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponseReference(ErrorResponses[status], document);

        private static OpenApiParameter IdParameter() => new()
        {
            Name = "id",
            In = ParameterLocation.Path,
            Required = true,
            Schema = String(),
        };

        private IEnumerable<IOpenApiParameter> IncludeAndFields(ResourceDefinition resource)
        {
            if (resource.Relationships.Count > 0)
            {
                yield return new OpenApiParameter
                {
                    Name = "include",
                    In = ParameterLocation.Query,
                    Description = $"Comma-separated relationship paths to include (dot paths, at most {graph.Options.MaxIncludeDepth} deep). "
                        + $"Relationships of {resource.PublicName}: {string.Join(", ", resource.Relationships.Select(r => r.Name))}. "
                        + "Computed relationships can only end a path.",
                    Schema = String(),
                };
            }
            var types = new List<ResourceDefinition> { resource };
            types.AddRange(resource.Relationships.SelectMany(r => r.TargetTypes).Distinct(StringComparer.Ordinal)
                .Where(t => t != resource.PublicName).OrderBy(t => t, StringComparer.Ordinal).Select(graph.Get));
            foreach (var fields in Fields(types))
                yield return fields;
        }

        private static IEnumerable<IOpenApiParameter> Fields(IEnumerable<ResourceDefinition> types) => types.Select(t => (IOpenApiParameter)new OpenApiParameter
        {
            Name = $"fields[{t.PublicName}]",
            In = ParameterLocation.Query,
            Description = $"Sparse fieldset: comma-separated fields of {t.PublicName} to return. "
                + $"Fields: {string.Join(", ", t.Attributes.Where(a => a.Allows(Can.Read)).Select(a => a.Name).Concat(t.Relationships.Select(r => r.Name)))}.",
            Schema = String(),
        });

        private IEnumerable<IOpenApiParameter> PageParameters()
        {
            yield return new OpenApiParameter
            {
                Name = "page[number]",
                In = ParameterLocation.Query,
                Description = "The page, from 1.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1" },
            };
            yield return new OpenApiParameter
            {
                Name = "page[size]",
                In = ParameterLocation.Query,
                Description = $"Resources per page: default {graph.Options.DefaultPageSize}, at most {graph.Options.MaxPageSize}.",
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Format = "int32",
                    Minimum = "1",
                    Maximum = graph.Options.MaxPageSize.ToString(CultureInfo.InvariantCulture),
                },
            };
        }

        private IEnumerable<IOpenApiParameter> ListParameters(ResourceDefinition resource)
        {
            var sortable = resource.Attributes.Where(a => a.Allows(Can.Sort) && a.Expression is not null).Select(a => a.Name).ToList();
            if (sortable.Count > 0)
            {
                yield return new OpenApiParameter
                {
                    Name = "sort",
                    In = ParameterLocation.Query,
                    Description = $"Comma-separated attributes, '-' first for descending (e.g. -{sortable[0]}). Sortable: {string.Join(", ", sortable)}. "
                        + "Without sort: by created_at; the id breaks ties.",
                    Schema = String(),
                };
            }
            foreach (var page in PageParameters())
                yield return page;
            var filterable = resource.Attributes.Where(a => a.Allows(Can.Filter) && a.Expression is not null).ToList();
            if (filterable.Count > 0)
            {
                var properties = new List<(string, IOpenApiSchema)>();
                foreach (var attribute in filterable)
                {
                    foreach (var predicate in FilterPredicates.For(attribute.ValueType))
                        properties.Add((attribute.Name + predicate.Suffix, PredicateSchema(predicate.Operand)));
                }
                var filterSchema = $"{resource.PublicName}_filter";
                if (!Schemas.ContainsKey(filterSchema))
                    Add(filterSchema, Object(properties, description: $"The filters of {resource.PublicName}: <attribute>_<predicate>.", closed: true));
                yield return new OpenApiParameter
                {
                    Name = "filter[q]",
                    In = ParameterLocation.Query,
                    Style = ParameterStyle.DeepObject,
                    Explode = true,
                    Description = "Filters, written filter[q][<attribute>_<predicate>]=value; all must hold. "
                        + $"Filterable: {string.Join(", ", filterable.Select(a => a.Name))}.",
                    Schema = Ref(filterSchema),
                    // No filter unless asked for: without an example, Swagger UI's "Try it out" fills every member with a
                    // sample value ("string" even for the true/false predicates), and the request filters on all of them.
                    // (An empty object as the single 'example' is not written: Microsoft.OpenApi drops empty values.)
                    Examples = new Dictionary<string, IOpenApiExample>(StringComparer.Ordinal)
                    {
                        ["none"] = new OpenApiExample { Summary = "No filter", Value = new System.Text.Json.Nodes.JsonObject() },
                    },
                };
            }
        }

        /// <summary>The value a predicate takes: true/false for the tests, text (a comma-separated list for in) otherwise.</summary>
        private static OpenApiSchema PredicateSchema(FilterOperand operand) => operand switch
        {
            FilterOperand.List => String("A comma-separated list."),
            FilterOperand.Test => new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "true applies the test, false negates it." },
            _ => String(),
        };
    }
}
