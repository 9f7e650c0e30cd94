/** Response side: one instance as DescribeInstances answers it, with its derived network identity. */
import { isoMinutes } from "../clock";
import type { Instance } from "../model/types";
import { tagsBody } from "./tags";

/** A private address per instance, stable across restarts: 172.16.x.y from the instance id. */
export function privateIpOf(instance: Instance): string {
  let hash = 0;
  for (const char of instance.instanceId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `172.16.${(hash >>> 8) % 256}.${(hash % 253) + 2}`;
}

export function imageIdOf(instance: Instance): string {
  return instance.osType === "windows" ? "win2022_21H2_x64_dtc_en-us_40G_alibase_20240101.vhd" : "aliyun_3_x64_20G_alibase_20240101.vhd";
}

export const VPC = { VpcId: "vpc-emulator00000001", VSwitchId: "vsw-emulator00000001" };

export function instanceBody(instance: Instance): Record<string, unknown> {
  const ip = privateIpOf(instance);
  return {
    InstanceId: instance.instanceId,
    InstanceName: instance.instanceName,
    HostName: instance.hostName,
    Description: "",
    SerialNumber: `${instance.instanceId.slice(2, 10)}-0000-4000-8000-000000000000`,
    Status: instance.status,
    RegionId: instance.regionId,
    ZoneId: instance.zoneId,
    InstanceType: instance.instanceType,
    InstanceTypeFamily: instanceTypeFamily(instance),
    Cpu: 2,
    Memory: 8192,
    CpuOptions: { CoreCount: 1, ThreadsPerCore: 2, Numa: "" },
    OSType: instance.osType,
    OSName: instance.osName,
    OSNameEn: instance.osName,
    ImageId: imageIdOf(instance),
    ResourceGroupId: instance.resourceGroupId,
    InstanceChargeType: "PostPaid",
    InternetChargeType: "PayByTraffic",
    SpotStrategy: "NoSpot",
    StoppedMode: instance.status === "Stopped" ? "KeepCharging" : "Not-applicable",
    InstanceNetworkType: "vpc",
    IoOptimized: true,
    DeviceAvailable: true,
    DeletionProtection: false,
    CreationTime: isoMinutes(instance.creationTime),
    StartTime: isoMinutes(instance.startTime),
    ExpiredTime: "2099-12-31T15:59Z",
    Tags: tagsBody(instance.tags),
    SecurityGroupIds: { SecurityGroupId: ["sg-emulator000000001"] },
    PublicIpAddress: { IpAddress: [] },
    InnerIpAddress: { IpAddress: [] },
    EipAddress: { AllocationId: "", IpAddress: "", InternetChargeType: "" },
    VpcAttributes: { ...VPC, PrivateIpAddress: { IpAddress: [ip] }, NatIpAddress: "" },
    NetworkInterfaces: {
      NetworkInterface: [
        {
          Type: "Primary",
          NetworkInterfaceId: `eni-${instance.instanceId.slice(2)}`,
          PrimaryIpAddress: ip,
          MacAddress: "00:16:3e:00:00:01",
          PrivateIpSets: { PrivateIpSet: [{ PrivateIpAddress: ip, Primary: true }] },
        },
      ],
    },
    OperationLocks: { LockReason: [] },
    MetadataOptions: { HttpEndpoint: "enabled", HttpTokens: "optional" },
  };
}

export function instanceTypeFamily(instance: Instance): string {
  return instance.instanceType.split(".").slice(0, 2).join(".");
}
