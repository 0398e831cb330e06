"""Where an exported site goes: the upload-target protocol and publishing to a host.

- `outputs`: the protocol (`UploadTarget`, `ExportedBundle`, `Delivery`) and today's
  outputs as its first implementations: the export folder, the zip, the delta zip.
- `urls`: target URLs (sftp://, ftp://, ftps://, s3://, file:///) without secrets.
- `secrets`: target passwords in the OS keyring only.
- `transport`: the file operations a publish needs; the local/mounted folder transport.
- `sftp`: the SFTP transport (asyncssh), with the host key pinned on first connect.
- `state`: the target's lock, release list and manifest; the local journal.
- `bundle_view`: the bundle's files and the in-place upload order.
- `engine`: release mode (atomic `current` switch) and in-place mode, verify, rollback.
- `service`: `HostPublisher(workspace)`, what the command line and the GUI call.
"""
