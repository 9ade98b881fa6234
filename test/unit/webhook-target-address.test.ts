import { describe, expect, it } from 'vitest';
import { isPublicAddress, PrivateTargetError, publicAddresses } from '../../webhooks/target-address.js';

describe('webhook target addresses', () => {
  it('refuse loopback, private, link-local, CGNAT, multicast, reserved and metadata ranges, IPv4 and IPv6, mapped forms included', () => {
    const refused = [
      ...['0.0.0.0', '127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.254', '192.168.1.1', '169.254.169.254', '100.64.0.1', '100.127.255.254'],
      ...['224.0.0.1', '239.255.255.250', '240.0.0.1', '255.255.255.255', '192.0.2.10', '198.18.0.1'],
      ...['::', '::1', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', '2001:db8::1'],
      ...['::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe', '::ffff:10.0.0.1', '64:ff9b::a00:1', '2002:c0a8:101::1', '::127.0.0.1'],
      ...['not an address', 'localhost'],
    ];
    expect(refused.filter(isPublicAddress)).toEqual([]);
    const allowed = ['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'];
    expect(allowed.filter((address) => !isPublicAddress(address))).toEqual([]);
  });

  it('refuse a name when any of its addresses is private, and pass through only checked ones', async () => {
    const answers = (...addresses: string[]) => ({ resolve: async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })) });
    await expect(publicAddresses('mixed.example', answers('93.184.216.34', '10.0.0.5'))).rejects.toBeInstanceOf(PrivateTargetError);
    await expect(publicAddresses('[::1]', answers('93.184.216.34'))).rejects.toBeInstanceOf(PrivateTargetError);
    expect(await publicAddresses('public.example', answers('93.184.216.34'))).toEqual([{ address: '93.184.216.34', family: 4 }]);
    expect(await publicAddresses('local.example', { ...answers('127.0.0.1'), allowPrivate: true })).toEqual([{ address: '127.0.0.1', family: 4 }]);
  });
});
