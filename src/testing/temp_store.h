// A SQLite store in a fresh temporary directory, removed when the object goes away.
#ifndef KIN_TESTING_TEMP_STORE_H_
#define KIN_TESTING_TEMP_STORE_H_

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "crypto/secret_box.h"
#include "store/sqlite_store.h"

namespace kin::testing {

class TempStore {
 public:
  TempStore() : box_(TestKey()) {
    std::string templ = ::testing::TempDir() + "/kin-test-XXXXXX";
    dir_ = ::mkdtemp(templ.data());
    SqliteOptions options;
    options.path = dir_ + "/kin.db";
    options.box = &box_;
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(options);
    if (!store.ok()) ADD_FAILURE() << store.status().ToString();
    else store_ = std::move(*store);
  }
  ~TempStore() {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  Store& store() { return *store_; }
  const std::string& dir() const { return dir_; }
  std::string db_path() const { return dir_ + "/kin.db"; }

 private:
  static SecretKeyBytes TestKey() {
    SecretKeyBytes key;
    key.fill(42);
    return key;
  }

  SecretBox box_;
  std::string dir_;
  std::unique_ptr<Store> store_;
};

}  // namespace kin::testing

#endif  // KIN_TESTING_TEMP_STORE_H_
