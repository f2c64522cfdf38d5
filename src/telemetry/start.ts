/**
 * Starts exporting traces and metrics to Azure Monitor when a connection string is configured.
 * Without one nothing is registered: the API stays a no-op and nothing is printed or sent.
 */
export interface TelemetryHandle {
  enabled: boolean;
  stop(): Promise<void>;
}

export async function startTelemetry(options: {
  connectionString?: string;
}): Promise<TelemetryHandle> {
  if (!options.connectionString) {
    return { enabled: false, stop: async () => undefined };
  }
  // Loaded only when wanted: the distro registers global providers and HTTP instrumentation.
  const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString: options.connectionString },
    enableLiveMetrics: false,
  });
  return { enabled: true, stop: () => shutdownAzureMonitor() };
}
