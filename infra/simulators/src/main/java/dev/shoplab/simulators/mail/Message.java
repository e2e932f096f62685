package dev.shoplab.simulators.mail;

/** One message the mail sink accepted; answered, replayed and listed in the ledger as is. */
record Message(String messageId, String orderId, String to, String kind, String acceptedAt) {
}
