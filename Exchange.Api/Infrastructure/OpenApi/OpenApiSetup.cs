using Microsoft.OpenApi;

namespace Exchange.Api.Infrastructure.OpenApi;

/// <summary>
/// The OpenAPI document at /swagger/v1/swagger.json, which is the API's contract: an endpoint declares only its name,
/// summary, tag and the domain rules it can refuse by (<see cref="EndpointRefusals.Refuses"/>); the filters here add
/// what follows from its kind (Idempotency-Key, security, error responses, rate-limit headers), and the contracts'
/// attributes and examples give the schemas their limits.
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddExchangeOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "IP asset exchange",
                Version = "v1",
                Description = "Participants, ledger, patents, listings, licences and patent transfers of the IP asset trading and licensing exchange. "
                    + "Money is CNY in yuan, exact to the fen. Every command needs an Idempotency-Key; errors are ProblemDetails with a stable `type`.",
            });
            o.AddSecurityDefinition(SecurityRequirementFilter.BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT naming the participant (`sub`) and its roles (`roles`), validated as RFC8725 advises: the signing algorithm is "
                    + "pinned (HS256 for development tokens from POST /dev/tokens, the authority's keys otherwise), issuer, audience and lifetime are "
                    + "checked. Development tokens live 8 hours.",
            });
            o.SupportNonNullableReferenceTypes();
            o.SchemaFilter<RequiredMembersSchemaFilter>();
            o.SchemaFilter<ConstraintsSchemaFilter>();
            o.SchemaFilter<ExampleSchemaFilter>();
            o.ParameterFilter<ConstraintsParameterFilter>();
            o.OperationFilter<SecurityRequirementFilter>();
            o.OperationFilter<IdempotencyKeyHeaderFilter>();
            o.OperationFilter<ProblemResponsesFilter>();
            o.OperationFilter<RateLimitHeadersFilter>();
            o.DocumentFilter<HeaderComponents>();
            var xml = Path.Combine(AppContext.BaseDirectory, "Exchange.Api.xml");
            if (File.Exists(xml))
            {
                o.IncludeXmlComments(xml);
            }
        });
        return services;
    }
}
