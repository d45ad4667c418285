using Plugin.Host.Runtime;
using Plugin.Host.Storage;

namespace Plugin.Host.Workers;

/// <summary>The worker-process module's registrations (issue 20).</summary>
public static class WorkerServices
{
    /// <summary>Where plugins run (<see cref="IsolationPolicy"/>: <c>Host:Plugins:Isolation</c> and the per-plugin choice).</summary>
    public static IServiceCollection AddPluginIsolation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(IsolationOptions.From(configuration));
        services.AddSingleton<PluginIsolationStore>();
        services.AddSingleton<IsolationPolicy>();
        services.AddSingleton<IPluginLifecycleListener>(sp => sp.GetRequiredService<IsolationPolicy>());
        return services.AddWorkerLimits(configuration);
    }

    /// <summary>The limits every worker is started under (<see cref="Limits.WorkerLaunch"/>, <c>Host:Plugins:Worker:*</c>).</summary>
    public static IServiceCollection AddWorkerLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(Limits.WorkerLimitOptions.From(configuration));
        services.AddSingleton<Limits.WorkerLaunch>();
        return services;
    }
}
