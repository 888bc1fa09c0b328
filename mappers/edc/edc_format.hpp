#pragma once
#include "mappers/format.hpp"
namespace credgate::edc {
Format format();
}
