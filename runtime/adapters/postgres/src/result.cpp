// pg::result, pg::row, pg::field: views of a PGresult.
#include "session.hpp"

#include <charconv>
#include <string>

namespace coroscope::pg {

int result::rows() const noexcept { return PQntuples(handle_.get()); }
int result::columns() const noexcept { return PQnfields(handle_.get()); }
const char* result::column_name(int column) const noexcept { return PQfname(handle_.get(), column); }

int result::column_index(std::string_view name) const noexcept {
  for (int column = 0; column < columns(); ++column)
    if (name == PQfname(handle_.get(), column))
      return column;
  return -1;
}

field result::value() const {
  if (rows() == 0 || columns() == 0)
    throw error("postgres " + server_ + ": the query returned no value (" +
                std::to_string(rows()) + " rows, " + std::to_string(columns()) + " columns)");
  return (*this)[0][0];
}

std::string_view result::command_status() const noexcept { return PQcmdStatus(handle_.get()); }

std::uint64_t result::affected_rows() const noexcept {
  const std::string_view text = PQcmdTuples(handle_.get());
  std::uint64_t count = 0;
  std::from_chars(text.data(), text.data() + text.size(), count); // "" leaves 0
  return count;
}

field row::operator[](std::string_view column_name) const {
  const int column = owner_->column_index(column_name);
  if (column < 0)
    throw error("postgres " + owner_->server_ + ": the result has no column \"" +
                std::string(column_name) + "\"");
  return field(*owner_, row_, column);
}

int row::size() const noexcept { return owner_->columns(); }

bool field::is_null() const noexcept {
  return PQgetisnull(owner_->handle_.get(), row_, column_) != 0;
}

std::string_view field::text() const noexcept {
  return {PQgetvalue(owner_->handle_.get(), row_, column_),
          static_cast<std::size_t>(PQgetlength(owner_->handle_.get(), row_, column_))};
}

const char* field::column_name() const noexcept { return owner_->column_name(column_); }

void field::throw_conversion_error(const char* problem) const {
  throw error("postgres " + owner_->server_ + ": column \"" + column_name() + "\" of row " +
              std::to_string(row_) + " " + problem + ": \"" + std::string(text()) + "\"");
}

} // namespace coroscope::pg
