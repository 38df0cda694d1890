#ifndef KIN_CRYPTO_SODIUM_INIT_H_
#define KIN_CRYPTO_SODIUM_INIT_H_

namespace kin {

// Initialises libsodium once; safe to call from any thread, any number of times. Aborts if it cannot.
void EnsureSodium();

}  // namespace kin

#endif  // KIN_CRYPTO_SODIUM_INIT_H_
