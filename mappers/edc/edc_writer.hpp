#pragma once

#include "mappers/format.hpp"

namespace credgate::edc {

inline constexpr const char* kVc11Context = "https://www.w3.org/2018/credentials/v1";
inline constexpr const char* kEdcContext = "http://data.europa.eu/snb/model/context/edc-ap";

WriteResult write(const model::Credential& credential, const WriteOptions& options);

}  // namespace credgate::edc
