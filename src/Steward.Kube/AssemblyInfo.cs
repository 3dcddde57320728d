namespace Steward.Kube;
