using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SagaBridge.Standalone.Hosting;

/// <summary>
/// Assembles the in-memory test host from its public parts: an in-memory orchestration
/// service behind the gRPC sidecar on a loopback port the system picks, and an SDK worker
/// and client connected to it.
/// </summary>
/// <remarks>
/// <see cref="DurableTaskTestHost.StartAsync"/> would do the same, but its sidecar logs every
/// gRPC request to the console and listens on a random port that can collide with a
/// neighbour's; here the sidecar writes no logs and binds port 0.
/// </remarks>
internal static class InMemoryBackend
{
    public static async Task<DurableTaskTestHost> StartAsync(
        Action<DurableTaskRegistry> tasks,
        ILoggerFactory loggerFactory,
        CancellationToken cancellation)
    {
        var service = new InMemoryOrchestrationService(loggerFactory);
        var sidecar = new HostBuilder()
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureWebHost(web => web
                .UseKestrel(kestrel => kestrel.Listen(
                    IPAddress.Loopback,
                    0,
                    listen => listen.Protocols = HttpProtocols.Http2))
                .ConfigureServices(services => services
                    .AddGrpc().Services
                    .AddSingleton<DurableTask.Core.IOrchestrationService>(service)
                    .AddSingleton<DurableTask.Core.IOrchestrationServiceClient>(service)
                    .AddSingleton<TaskHubGrpcServer>()
                    .AddRouting())
                .Configure(app => app
                    .UseRouting()
                    .UseEndpoints(endpoints => endpoints.MapGrpcService<TaskHubGrpcServer>())))
            .Build();
        await sidecar.StartAsync(cancellation);

        var address = sidecar.Services.GetRequiredService<IServer>()
            .Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First();
        var channel = GrpcChannel.ForAddress(address);

        var worker = new HostBuilder()
            .ConfigureLogging(logging =>
            {
                logging.ClearProviders();
                logging.Services.AddSingleton(loggerFactory);
            })
            .ConfigureServices(services =>
            {
                services.AddDurableTaskWorker(builder => builder.UseGrpc(channel).AddTasks(tasks));
                services.AddDurableTaskClient(builder => builder.UseGrpc(channel)
                    .RegisterDirectly());
            })
            .Build();
        await worker.StartAsync(cancellation);

        var client = worker.Services.GetRequiredService<DurableTaskClient>();

        return new DurableTaskTestHost(sidecar, worker, channel, client);
    }
}
