using Steward.Cni.Plugins;

// argv[0] names the plugin (the binary is installed under each plugin's name); a first argument
// does too, so `steward-cni host-local` works for trying a plugin by hand.
return PluginRegistry.Run(args);
