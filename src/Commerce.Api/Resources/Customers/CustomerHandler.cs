using Commerce.Api.Authentication;
using Commerce.Api.Persistence;
using Commerce.Domain.Catalog;
using Commerce.JsonApi.Documents;
using Commerce.JsonApi.Errors;
using Commerce.JsonApi.Resources;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Api.Resources.Customers;

internal sealed class CustomerHandler(CommerceDbContext db, IValidator<Customer> validator, Caller caller, CustomerPasswords passwords, RefreshTokens refreshTokens) : EntityHandler<Customer>(db, validator)
{
    /// <summary>A customer sees only themself; a sales channel may sign customers up but not read them.</summary>
    public override IQueryable<Customer> Query() => caller.IsIntegration
        ? base.Query()
        : base.Query().Where(c => caller.CustomerId != null && c.Id == caller.CustomerId);

    public override bool HidesNothing => caller.IsIntegration;

    protected override async Task ApplyAsync(Customer resource, ResourceInput input, CancellationToken cancellationToken)
    {
        if (input.TryGetAttribute<string?>("password", out var password))
        {
            if (input.Operation == WriteOperation.Update && !caller.IsIntegration)
                EnsureCurrentPassword(resource, input);
            if (password is { Length: > 0 and < 8 })
                throw JsonApiException.Invalid(ResourceInput.AttributePointer("password"), "password is too short (at least 8 characters).");
            resource.SetPasswordHash(string.IsNullOrEmpty(password) ? null : passwords.Hash(resource, password));
            // A changed, reset or removed password signs the customer out everywhere (saved with the change).
            if (input.Operation == WriteOperation.Update)
                await refreshTokens.RevokeAllOfAsync(resource.Id, cancellationToken);
        }
    }

    /// <summary>A customer changes its own password only with the current one (a stolen access token is not enough).</summary>
    private void EnsureCurrentPassword(Customer customer, ResourceInput input)
    {
        var pointer = ResourceInput.AttributePointer("current_password");
        if (!input.TryGetAttribute<string?>("current_password", out var current) || string.IsNullOrEmpty(current))
            throw JsonApiException.Invalid(pointer, "current_password can't be blank: a customer changing its password must give the current one.");
        if (!passwords.Verify(customer, current))
            throw JsonApiException.Invalid(pointer, "current_password is wrong.");
    }

    protected override Task<Customer> NewAsync(ResourceInput input, CancellationToken cancellationToken)
    {
        input.Require("email");
        return Task.FromResult(new Customer((string)input.Attributes["email"]!));
    }
}

internal sealed class CustomerValidator : AbstractValidator<Customer>
{
    public CustomerValidator(CommerceDbContext db)
    {
        RuleFor(c => c.Email).NotEmpty().MaximumLength(256).EmailAddress()
            // Emails are one customer whatever their case (an order's customer_email finds its customer so).
            .MustAsync(async (customer, email, ct) =>
            {
                var lowered = email.ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL's LOWER(), which the culture of this process does not touch.
                return !await db.Customers.AnyAsync(c => c.Email.ToLower() == lowered && c.Id != customer.Id, ct);
#pragma warning restore CA1304, CA1311, CA1862
            })
            .WithMessage("email has already been taken.");
    }
}
