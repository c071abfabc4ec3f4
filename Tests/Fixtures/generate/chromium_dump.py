"""Dumps a Chromium `Cookies` file as JSON lines, decrypting Linux `v10` values.

An implementation independent of Crumbs (Python's sqlite3 module and the `cryptography`
package), used to record what the browser stored so the Swift tests can compare against it.
Usage: python3 chromium_dump.py Cookies > Cookies.expected.jsonl
"""
import hashlib
import json
import sqlite3
import sys

from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC


def key(password):
    kdf = PBKDF2HMAC(algorithm=hashes.SHA1(), length=16, salt=b"saltysalt", iterations=1)
    return kdf.derive(password)


KEYS = [key(b"peanuts"), key(b"")]


def decrypt(blob, host_key, version):
    if not blob:
        return None
    if blob[:3] != b"v10":
        return "<encrypted %s: %d bytes>" % (blob[:3].decode("ascii", "replace"), len(blob) - 3)
    for k in KEYS:
        dec = Cipher(algorithms.AES(k), modes.CBC(b" " * 16)).decryptor()
        raw = dec.update(blob[3:]) + dec.finalize()
        try:
            unpad = padding.PKCS7(128).unpadder()
            plain = unpad.update(raw) + unpad.finalize()
        except ValueError:
            continue
        if version >= 24:
            if plain[:32] != hashlib.sha256(host_key.encode()).digest():
                continue
            plain = plain[32:]
        return plain.decode("utf-8")
    raise SystemExit("row for %s does not decrypt" % host_key)


def main(path):
    db = sqlite3.connect("file:%s?mode=ro&immutable=1" % path, uri=True)
    db.row_factory = sqlite3.Row
    version = int(db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()[0])
    for row in db.execute("SELECT rowid, * FROM cookies ORDER BY rowid"):
        out = {k: row[k] for k in row.keys() if k != "encrypted_value"}
        decrypted = decrypt(row["encrypted_value"], row["host_key"], version)
        if decrypted is not None:
            out["value"] = decrypted
        print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1])
